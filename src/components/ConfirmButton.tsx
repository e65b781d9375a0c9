import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import './ui.css';

/** What a confirmation says: WeChat cuts confirmText after 4 Chinese characters. */
export interface Confirmation {
  title: string;
  content: string;
  confirmText?: string;
}

/** Ask once ("确定要…？") before a destructive or money-moving tap; true when the person agreed. */
export async function confirmFirst({ title, content, confirmText = '确定' }: Confirmation): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return confirm;
}

/** A button that asks for confirmation before running `onConfirm` (makeup, refunds, rejections, roles). */
export function ConfirmButton({ confirm, onConfirm, children, className = 'btn btn--primary', disabled, loading, testId, label }: {
  confirm: Confirmation;
  onConfirm: () => void | Promise<unknown>;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
  loading?: boolean;
  testId?: string;
  label?: string;
}) {
  return (
    <Button
      className={className}
      disabled={disabled}
      loading={loading}
      data-testid={testId}
      ariaLabel={label}
      {...(label ? { 'aria-label': label } : {})}
      onClick={async () => {
        if (await confirmFirst(confirm)) await onConfirm();
      }}
    >
      {children}
    </Button>
  );
}
