/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    viewer: import('../graphql/context.ts').Viewer | null;
    sessionToken: string | undefined;
  }
}
