import { useEffect, useState } from 'react';
import { fetchPersonas, newMemberOpenid, type Persona } from '../services/local';

export type { Persona };

/**
 * Local mode only: the demo community's personas for the role picker (null while loading; an
 * empty list when the gateway has none), and a fresh openid to try the app as a brand-new member.
 */
export function usePersonas(): { personas: Persona[] | null; newMember: () => string } {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  useEffect(() => {
    fetchPersonas()
      .then(setPersonas)
      .catch(() => setPersonas([]));
  }, []);
  return { personas, newMember: newMemberOpenid };
}
