import { Rasteriser } from './rasterise.js';
import type { RenderReply, RenderRequest } from './render-protocol.js';

/*
 * The renderer process: started by the bot's ChartRenderer, it holds Skia and the chart fonts so
 * the bot never does, answers one request at a time, and exits when the bot lets go of it.
 */

async function answer(rasteriser: Rasteriser, request: RenderRequest): Promise<RenderReply> {
  try {
    switch (request.kind) {
      case 'prepare':
        await rasteriser.prepare(request.texts);
        return { id: request.id, result: null };
      case 'undrawable':
        return { id: request.id, result: await rasteriser.undrawable(request.texts) };
      case 'png':
        return { id: request.id, result: await rasteriser.png(request.scene, request.options) };
    }
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

function main(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('render-process is started by ChartRenderer, with an IPC channel');
  const rasteriser = new Rasteriser();
  // Skia loads while the bot is still reading the front history; a failure is the first answer's.
  rasteriser.prepare().catch(() => undefined);
  let queue = Promise.resolve();
  process.on('message', (request: RenderRequest) => {
    queue = queue.then(async () => {
      send(await answer(rasteriser, request));
    });
  });
  process.on('disconnect', () => process.exit(0));
}

main();
