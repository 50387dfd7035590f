/** WeUI-style form rows: a label on the left, the control on the right, the error in red under the row. */
import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import './form.scss'

export function FormGroup ({ title, footer, children }: PropsWithChildren<{ title?: ReactNode, footer?: ReactNode }>) {
  return (
    <View className='form-group'>
      {title ? <View className='form-group__title'>{title}</View> : null}
      <View className='form-group__body'>{children}</View>
      {footer ? <View className='form-group__footer'>{footer}</View> : null}
    </View>
  )
}

interface RowProps {
  label: string
  required?: boolean
  error?: string | null
  hint?: ReactNode
  /** Stacks the control under the label (long text, choices). */
  stacked?: boolean
  name?: string
}

export function FormRow ({ label, required, error, hint, stacked, name, children }: PropsWithChildren<RowProps>) {
  return (
    <View className={`form-row ${stacked ? 'form-row--stacked' : ''} ${error ? 'form-row--error' : ''}`} data-field={name}>
      <View className='form-row__main'>
        <View className='form-row__label'>{label}{required ? <Text className='form-row__required'>*</Text> : null}</View>
        <View className='form-row__control'>{children}</View>
      </View>
      {error ? <View className='form-row__error'>{error}</View> : hint ? <View className='form-row__hint'>{hint}</View> : null}
    </View>
  )
}

interface TextFieldProps extends RowProps {
  value: string
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  onChange: (value: string) => void
  onBlur?: () => void
}

export function TextField ({ value, placeholder, type = 'text', maxlength, onChange, onBlur, ...row }: TextFieldProps) {
  return (
    <FormRow {...row}>
      <Input
        className={`form-input form-input--${row.name || 'field'}`}
        name={row.name}
        value={value}
        type={type}
        placeholder={placeholder}
        placeholderClass='form-placeholder'
        maxlength={maxlength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
      />
    </FormRow>
  )
}

export function TextAreaField ({ value, placeholder, maxlength = 1000, onChange, onBlur, ...row }: TextFieldProps) {
  return (
    <FormRow {...row} stacked>
      <Textarea
        className={`form-textarea form-input--${row.name || 'field'}`}
        name={row.name}
        value={value}
        placeholder={placeholder}
        placeholderClass='form-placeholder'
        maxlength={maxlength}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
      />
      <View className='form-textarea__count'>{value.length}/{maxlength}</View>
    </FormRow>
  )
}

interface SelectFieldProps<T extends string> extends RowProps {
  value: T | '' | undefined
  options: readonly T[]
  placeholder?: string
  onChange: (value: T) => void
}

export function SelectField<T extends string> ({ value, options, placeholder = '请选择', onChange, ...row }: SelectFieldProps<T>) {
  const index = value ? options.indexOf(value) : -1
  return (
    <FormRow {...row}>
      <Picker mode='selector' range={options as unknown as string[]} value={Math.max(0, index)} onChange={(e) => onChange(options[Number(e.detail.value)])}>
        <View className={`form-picker form-input--${row.name || 'field'} ${value ? '' : 'form-placeholder'}`}>{value || placeholder}<Text className='form-picker__arrow'>›</Text></View>
      </Picker>
    </FormRow>
  )
}

interface DateFieldProps extends RowProps {
  value: string
  /** Latest selectable date (today: dates may not be in the future). */
  end?: string
  start?: string
  onChange: (value: string) => void
  fields?: 'day' | 'month'
}

export function DateField ({ value, end, start, fields = 'day', onChange, ...row }: DateFieldProps) {
  return (
    <FormRow {...row}>
      <Picker mode='date' fields={fields} value={value} end={end} start={start} onChange={(e) => onChange(e.detail.value)}>
        <View className={`form-picker form-input--${row.name || 'field'} ${value ? '' : 'form-placeholder'}`}>{value || '请选择'}<Text className='form-picker__arrow'>›</Text></View>
      </Picker>
    </FormRow>
  )
}

export function SwitchField ({ value, onChange, ...row }: RowProps & { value: boolean, onChange: (v: boolean) => void }) {
  return (
    <FormRow {...row}>
      <View className='form-switch'>
        <Switch checked={value} color='#07c160' onChange={(e) => onChange(e.detail.value)} />
      </View>
    </FormRow>
  )
}

/** Three or four short choices side by side (合规 / 不合规 / 不适用). */
export function Segmented<T extends string> ({ value, options, labels, onChange, name }: { value: T | undefined, options: readonly T[], labels: Record<T, string>, onChange: (v: T) => void, name?: string }) {
  return (
    <View className='segmented'>
      {options.map((o) => (
        <View key={o} className={`segmented__item segmented__item--${o} ${value === o ? 'segmented__item--on' : ''}`} data-name={name} onClick={() => onChange(o)}>{labels[o]}</View>
      ))}
    </View>
  )
}

/** A tappable tick box with its text (consent). */
export function CheckRow ({ checked, onChange, children, className }: PropsWithChildren<{ checked: boolean, onChange: (v: boolean) => void, className?: string }>) {
  return (
    <View className={`check-row ${className || ''}`} onClick={() => onChange(!checked)}>
      <View className={`check-row__box ${checked ? 'check-row__box--on' : ''}`}>{checked ? '✓' : ''}</View>
      <View className='check-row__text'>{children}</View>
    </View>
  )
}
