import { z } from 'zod';

export const EmailSchema = z.email({ error: 'must be an email address' }).transform((e) => e.toLowerCase());

export const PersonSchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  email: EmailSchema,
  title: z.string().trim().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const roles = [
  'policeCoordinator',
  'municipalCoordinator',
  'lpoChief',
  'municipalRepresentative',
  'extraSignatory',
  'workGroupLeader',
  'communicator',
  'analyst',
  'staff',
] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

export const roleLabels: Record<Role, { sv: string; en: string }> = {
  policeCoordinator: { sv: 'kommunpolis', en: 'police coordinator' },
  municipalCoordinator: { sv: 'kommunens samordnare', en: 'municipal coordinator' },
  lpoChief: { sv: 'lokalpolisområdeschef', en: 'local police area chief' },
  municipalRepresentative: { sv: 'kommunens representant', en: 'municipal representative' },
  extraSignatory: { sv: 'övrig aktör', en: 'other signatory' },
  workGroupLeader: { sv: 'arbetsgruppens chef', en: 'work-group leader' },
  communicator: { sv: 'kommunikatör', en: 'communicator' },
  analyst: { sv: 'analytiker', en: 'analyst' },
  staff: { sv: 'medarbetare', en: 'staff member' },
};

/** Someone the cycle talks to, with the role they are addressed in. */
export const RecipientSchema = PersonSchema.extend({ role: RoleSchema });
export type Recipient = z.infer<typeof RecipientSchema>;
