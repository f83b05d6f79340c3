import { buildPage } from './bundle.js';
import { servePlayground } from './http.js';
import { startDemoWorld, type DemoWorld, type DemoWorldOptions } from './world.js';

export interface Playground {
  readonly url: string;
  readonly world: DemoWorld;
  stop(): Promise<void>;
}

/** Everything `npm run playground` starts: the demo world and the page that drives it. */
export async function startPlayground(options: DemoWorldOptions & { port?: number } = {}): Promise<Playground> {
  const [world, assets] = await Promise.all([startDemoWorld(options), buildPage()]);
  try {
    const server = await servePlayground(world, assets, { port: options.port ?? 0 });
    return {
      url: server.url,
      world,
      async stop() {
        await server.close();
        await world.stop();
      },
    };
  } catch (error) {
    await world.stop();
    throw error;
  }
}
