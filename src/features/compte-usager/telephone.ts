/**
 * French mobile numbers (metropolitan 06/07, and the overseas mobile ranges through +262,
 * +590, +594, +596, +269): the "titre disponible" SMS can only reach one of these.
 */
const MOBILE = /^(?:0|\+33|0033)[67]\d{8}$|^(?:\+|00)(?:262|590|594|596|269|508|681|687|689)\d{9}$/;

export function estMobileFrancais(value: string): boolean {
  return MOBILE.test(value.replace(/[\s.\-()]/g, ''));
}

/** The number written as people read it: 06 12 34 56 78. */
export function formaterMobile(value: string): string {
  const compact = value.replace(/[\s.\-()]/g, '');
  const national = /^(?:\+33|0033)([67]\d{8})$/.exec(compact);
  const digits = national ? `0${national[1]}` : compact;
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : compact;
}
