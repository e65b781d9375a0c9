import Taro from '@tarojs/taro';

/**
 * Leave a form page after it saved: back to where the person came from, or — when the page was
 * opened directly (a shared link, a reload on h5) and there is nothing to go back to — to `fallback`.
 */
export function leaveTo(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}
