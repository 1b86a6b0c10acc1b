// Migration 3 applies on the schema the ones before it leave, once, and changes it.
import { describe, expect, it } from 'vitest';
import { expectMigrationApplies } from '../../../test/helpers/migration';
import { migrations } from './index';
import { migration } from './v03';

describe('migration 3', () => {
  it('is listed in its place and applies on the schema before it', () => {
    expect(migrations[2]).toBe(migration);
    expectMigrationApplies(3);
  });
});
