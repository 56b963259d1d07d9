import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLang } from '../i18n';
import { safeRedirect } from '../utils/auth.server';
import { readForm } from '../utils/form.server';

/**
 * The language switch: a cookie that lasts a year, then back to the page the reader was on. A signed-in person's
 * account takes the language too, so that the e-mails Minka sends them are written in it.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get('lang');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLang(lang)) return redirect(to);
  if (context.actor) await context.services.accounts.setLocale(context.actor, lang);
  const secure = context.secureCookies ? '; Secure' : '';
  return redirect(to, {
    headers: { 'Set-Cookie': `minka_lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}` },
  });
}

export async function loader() {
  return redirect('/');
}
