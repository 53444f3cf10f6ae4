// Loads Prisma's WebAssembly schema engine, which Node cannot import as an ES module.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

type SchemaEngine = bg.SchemaEngine;
type BoundFactory = ReturnType<typeof bindMigrationAwareSqlAdapterFactory>;

let ready: Promise<void> | undefined;

function instantiate(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

export interface OpenedEngine {
  engine: SchemaEngine;
  factory: BoundFactory;
  /** The adapter's original error behind the engine's "External error id#N". */
  explain(error: unknown): string;
  /** Frees the engine and closes the connections it opened (the engine itself leaves them open). */
  close(): Promise<void>;
}

function tracked(
  factory: SqlMigrationAwareDriverAdapterFactory,
  open: Set<SqlDriverAdapter>,
): SqlMigrationAwareDriverAdapterFactory {
  const track = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    const dispose = adapter.dispose.bind(adapter);
    open.add(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(() => factory.connect()),
    connectToShadowDb: () => track(() => factory.connectToShadowDb()),
  };
}

export async function openSchemaEngine(
  datamodels: [string, string][],
  factory: SqlMigrationAwareDriverAdapterFactory,
  log: (line: string) => void = () => {},
): Promise<OpenedEngine> {
  await instantiate();
  const open = new Set<SqlDriverAdapter>();
  const bound = bindMigrationAwareSqlAdapterFactory(tracked(factory, open));
  const engine = await bg.SchemaEngine.new({ datamodels }, log, bound);
  const explain = (error: unknown): string => {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/External error id#(\d+)/g, (whole, id: string) => {
      const original = bound.errorRegistry.consumeError(Number(id));
      if (!original) return whole;
      const inner = original.error as { message?: string; kind?: string; originalMessage?: string };
      return inner.originalMessage ?? inner.message ?? inner.kind ?? whole;
    });
  };
  const close = async () => {
    engine.free();
    for (const adapter of [...open]) await adapter.dispose();
  };
  return { engine, factory: bound, explain, close };
}
