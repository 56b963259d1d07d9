import { notFoundResponse } from '../utils/auth.server';

/** Every unknown path: the root error boundary renders the 404 page. */
export async function loader() {
  throw notFoundResponse();
}

export async function action() {
  throw notFoundResponse();
}

export default function NotFound() {
  return null;
}
