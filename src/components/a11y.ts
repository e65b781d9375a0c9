/**
 * Accessible names and roles for Taro components, in the attributes each platform reads: weapp
 * takes `aria-role`/`aria-label` (Taro's `ariaRole`/`ariaLabel` props), h5 takes `role`/`aria-label`
 * on the element, and on h5 a form control's name must reach the native `<input>` (`nativeProps`).
 * Spreading both sets is harmless on either platform, so pages stay free of TARO_ENV branches.
 */

/** Roles a tappable View/Text can take. */
export type TapRole = 'button' | 'link' | 'tab' | 'checkbox' | 'radio';

/** Role and name for a tappable View (rows, stars, chips): `<View {...tappable('签到')} onClick=…>`. */
export function tappable(label: string, role: TapRole = 'button', extra: { selected?: boolean; checked?: boolean } = {}) {
  return {
    ariaRole: role,
    ariaLabel: label,
    role,
    'aria-label': label,
    ...(extra.selected === undefined ? {} : { 'aria-selected': extra.selected }),
    ...(extra.checked === undefined ? {} : { 'aria-checked': extra.checked }),
  };
}

/** The accessible name of an Input, Textarea or Switch: `<Input {...controlName('积分')} …>`. */
export function controlName(label: string) {
  return { ariaLabel: label, 'aria-label': label, nativeProps: { 'aria-label': label } };
}

/** Role only, for a tappable whose visible text already names it (tabs, chips, text links). */
export function tapRole(role: TapRole = 'button', selected?: boolean) {
  return { ariaRole: role, role, ...(selected === undefined ? {} : { 'aria-selected': selected }) };
}
