import { defineCommand } from '../../src/framework/command-table.js';
import { statsFront } from './front.js';
import { statsTimeline } from './timeline.js';

export const statsCommand = defineCommand({
  name: 'stats',
  description: 'Front statistics as charts: who fronted how much, and when',
  subcommands: { front: statsFront, timeline: statsTimeline },
});
