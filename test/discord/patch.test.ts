import { describe, expect, it } from 'vitest';
import { colorField, descriptionField, proxyField, pronounsField, birthdayField } from '../../commands/shared/fields/profile.js';
import { changeRows, patchFrom, shownStored, storedValues } from '../../src/framework/patch.js';

const fields = { pronouns: pronounsField(), description: descriptionField(), color: colorField(), proxy: proxyField(), birthday: birthdayField() };

describe('patchFrom', () => {
  it('maps options to PATCH keys; clear and null (an emptied form input) write the cleared value', () => {
    expect(patchFrom(fields, { pronouns: 'she/her', member: 'Alice', proxy: { prefix: 'a:', suffix: null } })).toEqual({ pronouns: 'she/her', proxy_tags: [{ prefix: 'a:', suffix: null }] });
    expect(patchFrom(fields, { color: 'ff7000' }, 'proxy')).toEqual({ color: 'ff7000', proxy_tags: [] });
    expect(patchFrom(fields, { description: null, proxy: null })).toEqual({ description: null, proxy_tags: [] });
    expect(() => patchFrom(fields, {}, 'member')).toThrow(/not a clearable field/);
  });
});

describe('stored values as people read them', () => {
  const member = { pronouns: 'they/them', description: null, color: 'ff7000', proxy_tags: [{ prefix: '[', suffix: ']' }], birthday: '0004-02-29' };

  it('prefills a form from the stored values (null when not set)', () => {
    expect(storedValues({ pronouns: fields.pronouns, description: fields.description, birthday: fields.birthday }, member)).toEqual({ pronouns: 'they/them', description: null, birthday: 'Feb 29' });
  });

  it('shows stored values with the field’s own formatting', () => {
    expect(shownStored(fields.color, 'ff7000')).toBe('#ff7000');
    expect(shownStored(fields.proxy, [])).toBeNull();
    expect(changeRows(fields, { proxy_tags: [] }, member, { ...member, proxy_tags: [] })).toEqual([{ label: 'Proxy tags', before: '[text] (prefix “[”, suffix “]”)', after: null }]);
  });
});
