import { useId } from 'react';
import { useT } from '../utils/i18n';
import { ASSISTANCE_TYPES, MODALITIES, WORKING_LANGUAGES } from './assistance-vocabulary';
import { CheckboxGroup, ErrorList } from './checkbox-group';

/** The kind of work a request asks for or an offer gives: types of assistance, working languages, modality. */
export function AssistanceFields({
  values,
  errors,
}: {
  values: { types: string[]; languages: string[]; modality: string };
  errors: Record<string, string[]>;
}) {
  const t = useT();
  const modalityId = useId();
  return (
    <>
      <CheckboxGroup
        legend={t('coop.field.types')}
        name="types"
        options={ASSISTANCE_TYPES.map((type) => ({ value: type, label: t(`coop.type.${type}`) }))}
        selected={values.types}
        errors={errors.types}
      />

      <CheckboxGroup
        legend={t('coop.field.languages')}
        name="languages"
        options={WORKING_LANGUAGES.map((code) => ({ value: code, label: t(`coop.lang.${code}`) }))}
        selected={values.languages}
        errors={errors.languages}
      />

      <fieldset
        className="field-group"
        aria-describedby={errors.modality?.length ? `${modalityId}-error` : undefined}
        aria-invalid={errors.modality?.length ? true : undefined}
      >
        <legend>{t('coop.field.modality')}</legend>
        <div className="choices">
          {MODALITIES.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="modality" value={m} defaultChecked={values.modality === m} />
              <span>{t(`coop.modality.${m}`)}</span>
            </label>
          ))}
        </div>
        <ErrorList id={`${modalityId}-error`} errors={errors.modality} />
      </fieldset>
    </>
  );
}
