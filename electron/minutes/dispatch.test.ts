import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { verifyMinutesPdf } from './verify';
import type { Core } from '../core/core';
import type { VerifyResult } from '../../shared/minutes/verify-result';
import type { Output, Result } from '../../shared/api';

type Sealed = Output<'minutes:seal'>;

describe('minutes through dispatch', () => {
  let core: Core;
  let cleanup: () => void;
  let workshopId: string;
  beforeEach(async () => {
    const t = tempDir('minka-dispatch-minutes-');
    cleanup = t.cleanup;
    core = testCore(t.dir);
    workshopId = (await core.call('workshop:openDemo', {})).workshopId;
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  const seal = async (passphrase: string | null = null): Promise<Result<Sealed>> =>
    (await core.dispatch('minutes:seal', {
      workshopId,
      lang: 'es',
      bilingual: true,
      slips: false,
      passphrase,
      confirm: true,
    })) as Result<Sealed>;

  it('records agreements and committee members in the chain, refuses a bad date and a member twice', async () => {
    const before = (await core.call('workshop:get', { workshopId })).chain.length;
    const a = await core.call('minutes:saveAgreement', {
      workshopId,
      agreement: {
        text: '  Publicar el acta en cada sede.  ',
        responsible: 'Alcaldía',
        due: '2026-06-30',
      },
    });
    expect(a.value.text).toBe('Publicar el acta en cada sede.');
    expect(a.chain.length).toBe(before + 1);
    const bad = await core.dispatch('minutes:saveAgreement', {
      workshopId,
      agreement: { text: 'x', responsible: '', due: '30/06/2026' },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { field: 'agreement.due' } },
    });
    const m = {
      participantId: null,
      name: 'QUISPE, Rosa',
      dni: '01234567',
      organization: 'C.C. Tinkiwasi',
      role: 'member',
    };
    await core.call('minutes:saveMember', { workshopId, member: m });
    const twice = await core.dispatch('minutes:saveMember', { workshopId, member: m });
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'minutes.error.memberTwice' },
    });
    const got = await core.call('minutes:get', { workshopId });
    expect(got.agreements.at(-1)?.text).toBe('Publicar el acta en cada sede.');
    expect(got.sealed).toBeNull();
    expect(got.key.exists).toBe(false);
  });

  it('sealing needs the confirmation; after it every write is refused with SEALED, on every feature', async () => {
    expect(
      (
        await core.dispatch('minutes:seal', {
          workshopId,
          lang: 'es',
          bilingual: true,
          slips: false,
          passphrase: null,
        })
      ).ok,
    ).toBe(false);
    const r = await seal();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sealed.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect((await verifyMinutesPdf(Buffer.from(r.value.pdf.base64, 'base64'))).verdict).toBe(
      'authentic',
    );
    const state = await core.call('workshop:get', { workshopId });
    expect(state.sealed).toBe(true);
    const reg = await core.call('registry:get', { workshopId });
    const venue = state.setup.venues[0];
    const p = reg.participants[0];
    const proposals = await core.call('proposals:get', { workshopId });
    const writes: [string, unknown][] = [
      ['workshop:saveSetup', { workshopId, setup: { ...state.setup, envelopeCents: 1 } }],
      [
        'attendance:checkIn',
        {
          workshopId,
          participantId: p?.id,
          venueId: venue?.id,
          day: venue?.date,
          signMethod: 'signature',
          witness: '',
        },
      ],
      ['registry:saveParticipant', { workshopId, participant: { ...p, givenNames: 'Otro' } }],
      [
        'proposals:save',
        {
          workshopId,
          proposal: {
            ...proposals.proposals[0],
            status: undefined,
            createdAt: undefined,
            updatedAt: undefined,
            title: 'Otro título',
          },
        },
      ],
      [
        'proposals:addMatter',
        { workshopId, matter: { text: 'tarde', raisedBy: '', participantId: null } },
      ],
      [
        'minutes:saveAgreement',
        { workshopId, agreement: { text: 'tarde', responsible: '', due: '' } },
      ],
      ['minutes:saveClosing', { workshopId, text: 'otro cierre' }],
    ];
    for (const [channel, input] of writes) {
      const w = await core.dispatch(channel, input);
      expect(w.ok ? 'ok' : w.error.code, channel).toBe('SEALED');
    }
    expect((await seal()).ok).toBe(false);
    expect((await core.call('workshop:get', { workshopId })).chain.length).toBe(state.chain.length);
    // The same PDF, byte for byte, whenever it is asked for again.
    const again = await core.call('minutes:pdf', { workshopId });
    expect(again.base64).toBe(r.value.pdf.base64);
  });

  it('a correction is a signed addendum pointing at the original minutes, which stay authentic', async () => {
    const r = await seal();
    if (!r.ok) throw new Error('seal failed');
    const a = await core.call('minutes:addendum', {
      workshopId,
      text: 'Donde dice P-012 debe decir P-021.',
      lang: 'es',
      bilingual: true,
      passphrase: null,
    });
    expect(a.addendum.n).toBe(1);
    const v = await verifyMinutesPdf(Buffer.from(a.pdf.base64, 'base64'));
    expect(v.verdict).toBe('authentic');
    expect(v.kind).toBe('addendum');
    expect(v.payload).toMatchObject({
      originalHash: r.value.sealed.payloadSha256,
      text: 'Donde dice P-012 debe decir P-021.',
    });
    expect(v.keyFingerprint).toBe(r.value.sealed.keyFingerprint);
    expect(await core.call('minutes:pdf', { workshopId })).toMatchObject({
      base64: r.value.pdf.base64,
    });
    const archive = await core.call('minutes:archive', {});
    expect(archive.map((e) => e.kind).sort()).toEqual(['addendum', 'minutes']);
    const found = await core.call('minutes:archive', {
      fingerprint: a.addendum.fingerprint.slice(0, 9),
    });
    expect(found.map((e) => e.kind)).toEqual(['addendum']);
    const checked = await core.call('minutes:verifyArchived', { file: found[0]?.file ?? '' });
    expect(checked.result.verdict).toBe('authentic');
    expect((await core.dispatch('minutes:verifyArchived', { file: '../etc/passwd' })).ok).toBe(
      false,
    );
  });

  it('a passphrase-protected key is needed, and the right passphrase opens it', async () => {
    expect((await core.dispatch('minutes:createKey', { passphrase: 'corta' })).ok).toBe(false);
    const k = await core.call('minutes:createKey', { passphrase: 'wayna pacha 2027' });
    expect(k).toMatchObject({ exists: true, protected: true });
    expect(await core.dispatch('minutes:createKey', { passphrase: null })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    });
    expect(await seal()).toMatchObject({
      ok: false,
      error: { key: 'minutes.error.passphraseNeeded' },
    });
    expect(await seal('otra frase de paso')).toMatchObject({
      ok: false,
      error: { key: 'minutes.error.wrongPassphrase' },
    });
    expect((await core.call('workshop:get', { workshopId })).sealed).toBe(false);
    const r = await seal('wayna pacha 2027');
    expect(r.ok && r.value.sealed.keyFingerprint).toBe(k.fingerprint);
  });

  it('verify answers malformed input with a verdict, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, pdfHead) => {
        const buf = Buffer.concat([Buffer.from(pdfHead ? '%PDF-1.3\n' : ''), Buffer.from(bytes)]);
        const r = await core.dispatch('minutes:verify', { base64: buf.toString('base64') });
        // Nothing at all is a usage mistake; anything else gets a verdict.
        if (buf.length === 0) {
          expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
          return;
        }
        expect(r.ok).toBe(true);
        if (r.ok) expect((r.value as VerifyResult).verdict).not.toBe('authentic');
      }),
      { numRuns: 60 },
    );
  });
});
