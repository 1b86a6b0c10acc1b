// File names made from people's text ("Municipalidad Distrital de Qollqepata" →
// "municipalidad-distrital-de-qollqepata"): accents dropped, anything else a dash, cut to `max`.
export function fileSlug(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, max);
}
