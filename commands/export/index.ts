import { defineCommand } from '../../src/framework/command-table.js';
import { exportFronts } from './fronts.js';

export const exportCommand = defineCommand({
  name: 'export',
  description: 'Your data as files: front history',
  subcommands: { fronts: exportFronts },
});
