// The languages Minka speaks: one list, one zod schema. Channels that take a language (a
// PDF's, the Acta's render settings) and the i18n catalogues all read it from here, so a
// fourth language is added in one place.
import { z } from 'zod';

export const LANGS = ['es', 'quz', 'en'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;
