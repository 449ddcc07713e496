import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const RULES = '/2/tweets/search/stream/rules';
const add = (rules: { value: string; tag?: string }[], query = '') =>
  h.api('POST', RULES + query, { json: { add: rules } });

describe('stream rules', () => {
  it('adds, lists and deletes rules with X summaries', async () => {
    const added = await add([{ value: 'from:123 OR from:456', tag: 'a' }, { value: 'cats' }]);
    expect(added.status).toBe(201);
    expect(added.body.meta.summary).toEqual({ created: 2, not_created: 0, valid: 2, invalid: 0 });
    expect(added.body.meta.sent).toMatch(/^\d{4}-\d\d-\d\dT/);

    const listed = await h.api('GET', RULES);
    expect(listed.body.data.map((r: { value: string }) => r.value)).toEqual([
      'from:123 OR from:456',
      'cats',
    ]);
    expect(listed.body.meta.result_count).toBe(2);

    const ids = added.body.data.map((r: { id: string }) => r.id);
    const deleted = await h.api('POST', RULES, { json: { delete: { ids: [ids[0], '999'] } } });
    expect(deleted.body.meta.summary).toEqual({ deleted: 1, not_deleted: 1 });
    expect(deleted.body.errors[0].errors[0].message).toBe('Rule does not exist');
    expect((await h.api('GET', RULES)).body.data).toHaveLength(1);
  });

  it('answers an empty rule set with meta only', async () => {
    const listed = await h.api('GET', RULES);
    expect(listed.body.data).toBeUndefined();
    expect(listed.body.meta.result_count).toBe(0);
  });

  it('validates without changing anything on dry_run', async () => {
    const dry = await add([{ value: 'from:123' }], '?dry_run=true');
    expect(dry.status).toBe(200);
    expect(dry.body.meta.summary.created).toBe(1);
    expect((await h.api('GET', RULES)).body.meta.result_count).toBe(0);
  });

  it('reports duplicates by id without failing the request', async () => {
    const first = await add([{ value: 'from:123' }]);
    const again = await add([{ value: 'from:123' }, { value: 'from:456' }]);
    expect(again.status).toBe(201);
    expect(again.body.errors).toEqual([
      {
        value: 'from:123',
        id: first.body.data[0].id,
        title: 'DuplicateRule',
        type: 'https://api.twitter.com/2/problems/duplicate-rules',
      },
    ]);
    expect(again.body.meta.summary).toEqual({ created: 1, not_created: 1, valid: 1, invalid: 1 });
  });

  it('rejects the whole request when a rule is invalid', async () => {
    const res = await add([{ value: 'from:123' }, { value: 'has:media' }, { value: 'nope:x' }]);
    expect(res.status).toBe(400);
    expect(res.body.meta.summary).toEqual({ created: 0, not_created: 3, valid: 1, invalid: 2 });
    expect(res.body.errors[1].details[0]).toContain("Reference to invalid operator 'nope'");
    expect((await h.api('GET', RULES)).body.meta.result_count).toBe(0);
  });

  it('enforces the rule length limit from configuration', async () => {
    h.x.updateSettings({ stream: { maxRuleLength: 20 } });
    const res = await add([{ value: 'from:1234567890 OR from:987654321' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details[0]).toContain('maximum of 20 characters');
  });

  it('enforces the rule count limit from configuration', async () => {
    await h.api('PUT', '/_control/stream', { json: { maxRules: 2 } });
    await add([{ value: 'a1' }, { value: 'a2' }]);
    const res = await add([{ value: 'a3' }]);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      title: 'RulesCapExceeded',
      type: 'https://api.twitter.com/2/problems/rule-cap',
    });
  });

  it('deletes everything with delete_all', async () => {
    await add([{ value: 'a1' }, { value: 'a2' }]);
    const res = await h.api('POST', `${RULES}?delete_all=true`);
    expect(res.body.meta.summary).toEqual({ deleted: 2, not_deleted: 0 });
  });

  it('refuses malformed bodies and unknown query parameters with invalid-request', async () => {
    expect(
      (
        await h.api('POST', RULES, {
          body: '{nope',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect((await h.api('POST', RULES, { json: { add: [{ tag: 'no value' }] } })).status).toBe(400);
    const unknown = await h.api('GET', `${RULES}?foo=bar`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain('The query parameter [foo] is not one of');
  });
});
