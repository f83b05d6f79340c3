import { z } from 'zod';
import { normalizeShortId } from '../../pluralkit/refs.js';
import type { FileMember, SwitchPoint } from '../front-file.js';
import { parseIsoInstant } from '../instant.js';
import { IMPORT_LIMITS } from '../limits.js';
import { RefusedEntryTally } from '../refused-entries.js';
import { switchPointsFromList } from '../switch-points.js';
import { fileId, fileName, type FrontFileReader } from './reader.js';

/*
 * PluralKit's export (`pk;export`), learnt from PluralKit/PluralKit:
 * PluralKit.Core/Services/DataFileService.cs (ExportSystem: `version` 2, the system's keys,
 * `members` as the owner sees them, `switches: [{timestamp, members: [member short IDs]}]` with
 * NodaTime ExtendedIso timestamps) and PluralKit.Core/Utils/BulkImporter/PluralKitImport.cs (how
 * PluralKit reads its own file back: members by `id`, switches skipped at a timestamp it already
 * has). Version 1 files have the same keys. Octocon's "PluralKit" export is this format with no
 * switches.
 */

const MemberSchema = z.object({
  id: fileId,
  name: fileName.nullable().optional(),
  display_name: fileName.nullable().optional(),
});

const SwitchSchema = z.object({
  timestamp: fileId,
  members: z.array(fileId).max(IMPORT_LIMITS.maxMembers),
});

export const pluralKitReader: FrontFileReader = {
  source: 'pluralkit',
  recognises: (keys) => keys.has('switches') && keys.has('members'),
  read(parts) {
    const members = new Map<string, FileMember>();
    parts.each('members', MemberSchema, { max: parts.limits.maxMembers, required: true }, (member) => {
      members.set(member.id, { key: member.id, name: member.name || null, displayName: member.display_name || null, pluralkitId: normalizeShortId(member.id) });
    });

    const refused = new RefusedEntryTally();
    const switches: SwitchPoint[] = [];
    const entries = parts.each('switches', SwitchSchema, { max: parts.limits.maxEntries, required: true }, (entry) => {
      const at = parseIsoInstant(entry.timestamp);
      if (at === null) return refused.add('invalid-time', null);
      const ids = [...new Set(entry.members)];
      // A switch may name a member the list lacks (a hand-edited file): its ID can still match.
      for (const id of ids) if (!members.has(id)) members.set(id, { key: id, name: null, displayName: null, pluralkitId: normalizeShortId(id) });
      switches.push({ at, members: ids });
    });

    return {
      source: 'pluralkit',
      entries,
      members: [...members.values()],
      switches: switchPointsFromList(switches, refused),
      customFronts: [],
      refused: refused.list(),
    };
  },
};
