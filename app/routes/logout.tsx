import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { clearSessionCookie } from '../utils/cookies.server';
import { readForm } from '../utils/form.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (context.actor)
    await context.services.accounts.logout(context.actor, { everywhere: form.get('everywhere') === '1' });
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie(context.secureCookies) } });
}

export async function loader() {
  return redirect('/');
}
