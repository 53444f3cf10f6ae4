/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    viewer: import('#core/context.ts').Viewer | null;
    sessionToken: string | undefined;
  }
}
