// Migration 2 applies on the schema the ones before it leave, once, and changes it.
import { describe, expect, it } from 'vitest';
import { expectMigrationApplies } from '../../../test/helpers/migration';
import { migrations } from './index';
import { migration } from './v02';

describe('migration 2', () => {
  it('is listed in its place and applies on the schema before it', () => {
    expect(migrations[1]).toBe(migration);
    expectMigrationApplies(2);
  });
});
