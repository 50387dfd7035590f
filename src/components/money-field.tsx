/** Amounts typed in yuan (up to 2 decimals), kept as integer fen. */
import { useState } from 'react'
import { fenToYuanInput, parseYuan } from '@/domain'
import { TextField } from './form'

interface MoneyFieldProps {
  label: string
  name: string
  fen: number | undefined
  required?: boolean
  error?: string | null
  onChange: (fen: number | undefined) => void
  onBlur?: () => void
}

export function MoneyField ({ label, name, fen, required, error, onChange, onBlur }: MoneyFieldProps) {
  const [text, setText] = useState(fen === undefined || Number.isNaN(fen) ? '' : fenToYuanInput(fen))
  const parsed = text.trim() === '' ? undefined : parseYuan(text)
  const formatError = text.trim() !== '' && parsed === null ? '金额格式不正确（元，最多两位小数）' : null
  return (
    <TextField
      label={label}
      name={name}
      required={required}
      type='digit'
      value={text}
      placeholder='单位：元'
      error={formatError || error}
      onChange={(v) => {
        setText(v)
        const p = v.trim() === '' ? undefined : parseYuan(v)
        onChange(p === null ? Number.NaN : p)
      }}
      onBlur={onBlur}
    />
  )
}
