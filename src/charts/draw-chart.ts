import type { ChartMember, ChartMembers } from './labels.js';
import type { RenderOptions, ScenePainter } from './painter.js';
import type { Scene } from './scene.js';

export interface DrawnChart<Input> {
  png: Buffer;
  /** The input as drawn: members whose names could not be drawn are marked (for the alt text's note). */
  input: Input;
}

function markUndrawable(members: ChartMembers, undrawable: ReadonlySet<string>): ChartMembers {
  if (undrawable.size === 0) return members;
  return new Map(
    [...members].map(([id, member]): [string, ChartMember] => [id, member.name && undrawable.has(member.name.trim()) ? { ...member, nameUndrawable: true } : member]),
  );
}

/**
 * Lays out and paints a chart. A member whose name has a character no chart font draws is shown by
 * ID with a note instead of boxes (see `memberLabel`); `input` of the result says which, so the alt
 * text can give their names.
 */
export async function drawChart<Input extends { members: ChartMembers }>(
  painter: ScenePainter,
  input: Input,
  build: (input: Input) => Scene,
  options: RenderOptions = {},
): Promise<DrawnChart<Input>> {
  const names = [...new Set([...input.members.values()].flatMap((member) => (member.name?.trim() ? [member.name.trim()] : [])))];
  const undrawable = new Set(names.length > 0 ? await painter.undrawable(names) : []);
  const drawn = { ...input, members: markUndrawable(input.members, undrawable) };
  return { png: await painter.png(build(drawn), options), input: drawn };
}
