import { municipalityRows } from './municipality-list';

export interface Municipality {
  code: string;
  name: string;
  county: string;
}

export const municipalities: readonly Municipality[] = municipalityRows.map(([code, name, county]) => ({ code, name, county }));

const byCode = new Map(municipalities.map((m) => [m.code, m]));

export const findMunicipality = (code: string): Municipality | undefined => byCode.get(code);
