import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { controlName } from './a11y';
import './ui.css';

/** A labelled form field: label, the control, a hint, and the Chinese sentence saying what to fix. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      {children}
      {hint && !error ? <Text className='form-hint'>{hint}</Text> : null}
      {error ? (
        <View className='field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** Props of a one-line text field. */
export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  testId?: string;
}

/** A labelled one-line input whose accessible name is its label (on weapp and on h5's native input). */
export function TextField({ label, value, onChange, placeholder, hint, error, type = 'text', maxlength, testId }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      <Input
        className={`field__input${error ? ' is-invalid' : ''}`}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
        data-testid={testId}
        {...controlName(label)}
      />
    </Field>
  );
}
