import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Decodes a PNG the way a viewer would, to look at what was actually drawn. */
export async function decodePng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}

/** Pixels in the box that differ from `background` (an ink mask, row by row). */
export function inkMask(pixels: Pixels, box: { x: number; y: number; width: number; height: number }, background: [number, number, number]): boolean[] {
  const mask: boolean[] = [];
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const offset = (y * pixels.width + x) * 4;
      const distance = Math.abs(pixels.data[offset]! - background[0]) + Math.abs(pixels.data[offset + 1]! - background[1]) + Math.abs(pixels.data[offset + 2]! - background[2]);
      mask.push(distance > 60);
    }
  }
  return mask;
}

/** Pixels in the box whose channels differ a lot from one another: colour, not grey or white text. */
export function colouredPixels(pixels: Pixels, box: { x: number; y: number; width: number; height: number }): number {
  let count = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const offset = (y * pixels.width + x) * 4;
      const [r, g, b] = [pixels.data[offset]!, pixels.data[offset + 1]!, pixels.data[offset + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) count++;
    }
  }
  return count;
}
