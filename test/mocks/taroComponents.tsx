// Small stand-ins for @tarojs/components so pages render in jsdom with Testing Library.
import type { ReactNode } from 'react';

type Props = { children?: ReactNode; className?: string; onClick?: () => void; [key: string]: unknown };

function pass(rest: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') out[k] = v;
  return out;
}

export function View({ children, className, onClick, ...rest }: Props) {
  return (
    <div className={className} onClick={onClick} {...pass(rest)}>
      {children}
    </div>
  );
}

export function Text({ children, className, onClick, ...rest }: Props) {
  return (
    <span className={className} onClick={onClick} {...pass(rest)}>
      {children}
    </span>
  );
}

export function Button({ children, className, onClick, disabled, loading, ...rest }: Props & { disabled?: boolean; loading?: boolean }) {
  return (
    <button className={className} onClick={onClick} disabled={Boolean(disabled)} aria-busy={Boolean(loading)} {...pass(rest)}>
      {children}
    </button>
  );
}

export function Input({ value, placeholder, onInput, className, type, maxlength, ...rest }: Props & { value?: string; placeholder?: string; type?: string; maxlength?: number; onInput?: (e: { detail: { value: string } }) => void }) {
  return (
    <input
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      inputMode={type === 'number' || type === 'digit' ? 'numeric' : undefined}
      maxLength={maxlength}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
      {...pass(rest)}
    />
  );
}

export function Textarea({ value, onInput, placeholder, maxlength, ...rest }: Props & { value?: string; placeholder?: string; maxlength?: number; onInput?: (e: { detail: { value: string } }) => void }) {
  return <textarea value={value ?? ''} placeholder={placeholder} maxLength={maxlength} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} {...pass(rest)} />;
}

export function Image({ src, className, ...rest }: Props & { src: string; mode?: string }) {
  return <img src={src} className={className} alt='' {...pass(rest)} />;
}

export function Switch({ checked, onChange, ...rest }: Props & { checked?: boolean; onChange?: (e: { detail: { value: boolean } }) => void }) {
  return <input type='checkbox' role='switch' checked={checked ?? false} onChange={(e) => onChange?.({ detail: { value: e.target.checked } })} {...pass(rest)} />;
}
