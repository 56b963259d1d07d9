import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLang } from '../i18n';
import { safeRedirect } from '../utils/auth.server';

/** The language switch: a cookie that lasts a year, then back to the page the reader was on. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLang(lang)) return redirect(to);
  const secure = context.secureCookies ? '; Secure' : '';
  return redirect(to, { headers: { 'Set-Cookie': `minka_lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}` } });
}

export async function loader() {
  return redirect('/');
}
