import { z } from 'zod';
import type { FileMember } from '../front-file.js';
import { parseIsoInstant } from '../instant.js';
import { IntervalCollector } from '../switch-points.js';
import { fileId, fileName, type FrontFileReader } from './reader.js';

/*
 * Octocon's full data export ("Full JSON" of its /export command), learnt from Octocon's source
 * as it stood at the shutdown (OctoconDev/octocon; the last commits are kept in the fork
 * Azyyyyyy/octocon, commit beea35b): lib/octocon/accounts.ex (format_full_export: `user`,
 * `alters` with an integer `id`, `name` and `proxy_name`, `fronts` with `alter_id`, `time_start`,
 * `time_end`, `comment`), lib/octocon/fronts/front.ex (UTC times, no end while fronting) and
 * lib/octocon/alters/alter.ex (a name is optional). Octocon has no custom fronts. Its "PluralKit"
 * export is PluralKit's format and is read as such.
 */

const alterId = z.union([z.number().int(), fileId]).transform(String);

const AlterSchema = z.object({
  id: alterId,
  name: fileName.nullable().optional(),
  proxy_name: fileName.nullable().optional(),
});

const FrontSchema = z.object({
  alter_id: alterId,
  time_start: fileId,
  time_end: fileId.nullable().optional(),
});

export const octoconReader: FrontFileReader = {
  source: 'octocon',
  recognises: (keys) => keys.has('alters') && keys.has('fronts'),
  read(parts) {
    const members = new Map<string, FileMember>();
    parts.each('alters', AlterSchema, { max: parts.limits.maxMembers, required: true }, (alter) => {
      members.set(alter.id, { key: alter.id, name: alter.name || null, displayName: alter.proxy_name || null, pluralkitId: null });
    });

    const collector = new IntervalCollector((key) => members.has(key));
    const entries = parts.each('fronts', FrontSchema, { max: parts.limits.maxEntries, required: true }, (front) => {
      const fronting = front.time_end === null || front.time_end === undefined;
      collector.add(front.alter_id, parseIsoInstant(front.time_start), fronting ? 'open' : parseIsoInstant(front.time_end!));
    });

    return {
      source: 'octocon',
      entries,
      members: [...members.values()],
      switches: collector.switchPoints(),
      customFronts: [],
      refused: collector.refused.list(),
    };
  },
};
