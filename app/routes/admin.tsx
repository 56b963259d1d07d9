import { type LoaderFunctionArgs } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { requireActor } from '../utils/auth.server';

/** The Secretariat's area. Each child loader asks its service, which refuses anyone else with a 403. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(context, request);
  return null;
}

export default function AdminLayout() {
  return <Outlet />;
}
