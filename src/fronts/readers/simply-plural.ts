import { z } from 'zod';
import { normalizeShortId } from '../../pluralkit/refs.js';
import type { CustomFrontUse, FileMember } from '../front-file.js';
import { fromEpochMillis } from '../instant.js';
import { IntervalCollector } from '../switch-points.js';
import { fileId, fileName, type FrontFileReader } from './reader.js';

/*
 * Simply Plural's account export, learnt from ApparyllisOrg/SimplyPluralApi:
 * src/api/v1/user/export.ts (exportData: every collection of the account keyed by collection
 * name, each a list of its documents, ObjectIds written as hex strings), src/api/v1/frontHistory.ts
 * (front entries: `member`, `custom`, `live`, `startTime` and `endTime` in epoch milliseconds, no end
 * while live), src/api/v1/customFront.ts (custom fronts are the `frontStatuses` collection) and
 * src/api/v1/member.ts (members: `name`, and `pkId` when linked to a PluralKit member).
 */

const MemberSchema = z.object({
  _id: fileId,
  name: fileName,
  pkId: fileId.nullable().optional(),
});

const CustomFrontSchema = z.object({
  _id: fileId,
  name: fileName,
});

const FrontEntrySchema = z.object({
  member: fileId,
  custom: z.boolean().nullable().optional(),
  live: z.boolean().nullable().optional(),
  startTime: z.number(),
  endTime: z.number().nullable().optional(),
});

export const simplyPluralReader: FrontFileReader = {
  source: 'simplyplural',
  recognises: (keys) => keys.has('frontHistory'),
  read(parts) {
    const members = new Map<string, FileMember>();
    parts.each('members', MemberSchema, { max: parts.limits.maxMembers, required: false }, (member) => {
      members.set(member._id, { key: member._id, name: member.name, displayName: null, pluralkitId: member.pkId ? normalizeShortId(member.pkId) : null });
    });
    const customFronts = new Map<string, CustomFrontUse>();
    parts.each('frontStatuses', CustomFrontSchema, { max: parts.limits.maxMembers, required: false }, (front) => {
      customFronts.set(front._id, { name: front.name, entries: 0 });
    });

    const collector = new IntervalCollector((key) => members.has(key));
    const entries = parts.each('frontHistory', FrontEntrySchema, { max: parts.limits.maxEntries, required: true }, (entry) => {
      if (entry.custom || (!members.has(entry.member) && customFronts.has(entry.member))) {
        const custom = customFronts.get(entry.member) ?? { name: null, entries: 0 };
        custom.entries++;
        customFronts.set(entry.member, custom);
        return;
      }
      const start = fromEpochMillis(entry.startTime);
      const ended = entry.endTime !== null && entry.endTime !== undefined;
      // An entry that is over has an end time; without one its length is unknown.
      if (!entry.live && !ended && start !== null) return collector.refused.add('no-end', start);
      collector.add(entry.member, start, entry.live || !ended ? 'open' : fromEpochMillis(entry.endTime!));
    });

    return {
      source: 'simplyplural',
      entries,
      members: [...members.values()],
      switches: collector.switchPoints(),
      customFronts: [...customFronts.values()].filter((custom) => custom.entries > 0),
      refused: collector.refused.list(),
    };
  },
};
