#!/usr/bin/env node
// Executable named by PRISMA_SCHEMA_ENGINE_BINARY; tsx lets it run the TypeScript bridge on any supported Node.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
