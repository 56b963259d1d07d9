import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormMessage, SelectField, TextAreaField } from '../components/field';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.submitRecommendation');

const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
const TEXT_MAX = 10_000;
const TITLE_MAX = 200;
const FIELDS = ['title', 'text', 'language', 'commitment', 'mandate', 'cycleId'] as const;

/* A civil-society member submits a recommendation for the Secretariat to publish or decline. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // The service answers who may have recommendations (a civil-society member): anyone else gets its 403.
  const mine = await context.services.recommendations.mine(actor);
  if (!mine.ok) throwFailure(mine);
  const [commitments, cycles] = await Promise.all([
    context.services.catalogue.listCommitments(),
    context.services.recommendations.publishedCycles(),
  ]);
  const url = new URL(request.url);
  const prefill = {
    commitment: url.searchParams.get('commitment') ?? '',
    mandate: url.searchParams.get('mandate') ?? '',
    cycleId: url.searchParams.get('cycle') ?? '',
  };
  return {
    commitments: commitments.map((c) => ({
      code: c.code,
      titleEn: c.titleEn,
      titleEs: c.titleEs,
      mandateCount: c.mandateCount ?? c.mandatesImported,
    })),
    cycles,
    prefill,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const values = Object.fromEntries(FIELDS.map((name) => [name, String(form.get(name) ?? '')])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const result = await context.services.recommendations.submit(actor, values);
  if (result.ok) return redirect('/recommendations/mine?submitted=1');
  return data(
    {
      message: result.message,
      fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
      values,
    },
    { status: statusFor(result) },
  );
}

export default function NewRecommendation() {
  const t = useT();
  const lang = useLang();
  const { commitments, cycles, prefill } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? { title: '', text: '', language: lang, ...prefill };
  const errors = (name: string) => result?.fieldErrors[name];
  const chosen = commitments.find((c) => c.code === values.commitment) ?? commitments[0];
  return (
    <section className="form-page">
      <p>
        <Link to="/recommendations/mine">← {t('rec.mine.title')}</Link>
      </p>
      <h1>{t('rec.new.title')}</h1>
      <p>{t('rec.new.intro')}</p>
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      <Form method="post" aria-label={t('rec.new.title')}>
        <Field
          label={t('rec.field.title')}
          name="title"
          defaultValue={values.title}
          errors={errors('title')}
          required
          maxLength={TITLE_MAX}
        />
        <TextAreaField
          label={t('rec.field.text')}
          name="text"
          defaultValue={values.text}
          errors={errors('text')}
          hint={t('rec.field.textHint', { max: TEXT_MAX.toLocaleString(lang) })}
          required
          maxLength={TEXT_MAX}
          rows={10}
        />
        <SelectField
          label={t('rec.field.language')}
          name="language"
          defaultValue={values.language}
          errors={errors('language')}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`rec.lang.${l}` as MessageKey) }))}
        />
        {commitments.length > 1 ? (
          <SelectField
            label={t('rec.field.commitment')}
            name="commitment"
            defaultValue={chosen?.code}
            errors={errors('commitment')}
            options={commitments.map((c) => ({
              value: c.code,
              label: (lang === 'es' ? c.titleEs : null) ?? c.titleEn,
            }))}
          />
        ) : (
          <input type="hidden" name="commitment" value={chosen?.code ?? ''} />
        )}
        <Field
          label={t('rec.field.mandate')}
          name="mandate"
          defaultValue={values.mandate}
          errors={errors('mandate') ?? (commitments.length > 1 ? undefined : errors('commitment'))}
          hint={t('rec.field.mandateHint', { max: chosen?.mandateCount ?? 1 })}
          inputMode="numeric"
          pattern="[0-9]*"
        />
        <SelectField
          label={t('rec.field.cycle')}
          name="cycleId"
          defaultValue={values.cycleId}
          errors={errors('cycleId')}
          hint={t('rec.field.cycleHint')}
          placeholder={t('rec.field.noCycle')}
          options={cycles.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit">{t('rec.submit')}</button>
      </Form>
    </section>
  );
}
