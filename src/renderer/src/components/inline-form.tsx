// The one-line forms of the management screens: fields, one submit button that waits for the write, and
// the write's failure in the product's words right under it.
import type { InputHTMLAttributes, ReactNode } from 'react'
import { FailureNote } from './failure-note'

export interface InlineFormProps {
  testId: string
  submitTestId: string
  submitLabel: string
  /** The button's label while the write is on its way; defaults to the label itself. */
  pendingLabel?: string
  isPending: boolean
  /** The submit button is off for another reason than a pending write (nothing to send yet). */
  isBlocked?: boolean
  error: Error | null
  /** A problem found before anything was sent (a field that cannot be right). */
  problem?: string | null
  problemTestId?: string
  onSubmit: () => void
  children: ReactNode
  /** Further buttons, after the submit one. */
  actions?: ReactNode
}

export function InlineForm(props: InlineFormProps): React.JSX.Element {
  return (
    <form
      className="inline-form"
      noValidate
      data-testid={props.testId}
      onSubmit={(event) => {
        event.preventDefault()
        props.onSubmit()
      }}
    >
      {props.children}
      <button
        type="submit"
        className="button button--small"
        data-testid={props.submitTestId}
        disabled={props.isPending || props.isBlocked === true}
      >
        {props.isPending && props.pendingLabel ? props.pendingLabel : props.submitLabel}
      </button>
      {props.actions}
      {props.problem ? (
        <p className="form__problem" role="alert" data-testid={props.problemTestId}>
          {props.problem}
        </p>
      ) : null}
      <FailureNote error={props.error} />
    </form>
  )
}

export interface TextFieldProps {
  label: ReactNode
  testId: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  type?: 'text' | 'email' | 'password'
  /** Typing hints for the input: inputMode, autoComplete, spellCheck. */
  hints?: Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'autoComplete' | 'spellCheck'>
}

export function TextField(props: TextFieldProps): React.JSX.Element {
  return (
    <label className="field">
      {props.label}
      <input
        {...props.hints}
        data-testid={props.testId}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  )
}
