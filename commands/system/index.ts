import { defineCommand } from '../../src/framework/command-table.js';
import { editSystem } from './edit.js';
import { systemPrivacy } from './privacy.js';
import { editServerSettings } from './server-edit.js';
import { viewServerSettings } from './server-view.js';
import { editSettings } from './settings-edit.js';
import { viewSettings } from './settings-view.js';
import { viewSystem } from './view.js';

export const systemCommand = defineCommand({
  name: 'system',
  description: 'Your system: card, profile, privacy, settings, server settings',
  subcommands: { view: viewSystem, edit: editSystem, privacy: systemPrivacy },
  groups: {
    settings: { description: 'Your system settings: time zone, pings, latch timeout…', subcommands: { view: viewSettings, edit: editSettings } },
    server: { description: "Your system's settings in this server", subcommands: { view: viewServerSettings, edit: editServerSettings } },
  },
});
