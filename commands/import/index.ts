import { defineCommand } from '../../src/framework/command-table.js';
import { importFronts } from './fronts.js';
import { importStatus } from './status.js';

export const importCommand = defineCommand({
  name: 'import',
  description: 'Front history from other apps into PluralKit',
  subcommands: { fronts: importFronts, status: importStatus },
});
