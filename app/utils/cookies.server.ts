/** The session cookie: HttpOnly, SameSite=Lax, Secure except on plain-http localhost (decided by the server). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `minka_session=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `minka_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
