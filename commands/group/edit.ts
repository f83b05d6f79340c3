import { editSubcommand } from '../shared/entity/edit.js';
import { GROUP_COMMAND } from '../shared/entity/kinds.js';

/**
 * `/group edit group [name] [display_name] [description] [color] [icon] [banner] [clear]`: one
 * PATCH /groups/{ref}; `clear` asks first; no field option opens a form with the current name,
 * display name, description, colour and icon.
 */
export const editGroup = editSubcommand(GROUP_COMMAND, {
  description: 'Change a group; with no field options a form opens',
  help: 'Without field options a form opens with the current name, display name, description, colour and icon (empty an input to clear it)',
});
