import { useT } from '../utils/i18n';
import { Field } from './field';

/**
 * The new password and its confirmation, as every form that sets a password asks them (accepting an invitation,
 * choosing a new password after a reset, changing it on the account page): the same labels, the rule as a hint,
 * and `autocomplete="new-password"` so password managers offer to generate one.
 */
export function NewPasswordFields({
  name,
  errors,
}: {
  /** The form field of the new password: the services call it `password`, or `newPassword` beside the current one. */
  name: 'password' | 'newPassword';
  errors?: Partial<Record<string, string[] | undefined>>;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t('account.newPassword')}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        hint={t('account.passwordRule')}
        errors={errors?.[name]}
      />
      <Field
        label={t('account.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
}
