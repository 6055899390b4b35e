/**
 * The words of the server's own pages (LTI launch and registration pages, the deep-linking
 * picker, single sign-on): en-GB, en-US and Spanish, like the components' catalogues. Pages pick
 * the language from the launch's `locale` claim or the browser's `Accept-Language`.
 * @module
 */

/** A language the server's pages speak. */
export type PageLocale = 'en-GB' | 'en-US' | 'es';

const enGB = {
  'title.refused': 'plc-kit could not sign you in',
  'title.config': 'Connect plc-kit to your VLE (LTI 1.3)',
  'title.picker': 'Add plc-kit to this course',
  'title.registered': 'plc-kit is registered',
  'title.loading': 'Opening plc-kit…',
  'title.signin': 'Sign in to plc-kit',
  'refused.unknown-client': 'This link to plc-kit comes from a VLE that plc-kit does not know yet.',
  'refused.wrong-issuer': 'The sign-in came from a different VLE than the one that started it.',
  'refused.bad-signature': 'The sign-in from your VLE could not be verified (its signature does not match the VLE’s keys).',
  'refused.wrong-audience': 'The sign-in from your VLE was meant for another tool, not for plc-kit.',
  'refused.expired': 'The sign-in from your VLE has expired.',
  'refused.replayed-nonce': 'This sign-in was already used once; for your safety it cannot be used again.',
  'refused.nonce-mismatch': 'The sign-in from your VLE does not belong to the request plc-kit made.',
  'refused.unknown-deployment': 'This placement of plc-kit in your VLE has not been approved in plc-kit yet.',
  'refused.missing-state': 'Your browser did not keep the details plc-kit needs to finish signing in (this happens when a browser blocks cookies inside the VLE’s frame), or the sign-in took too long.',
  'refused.invalid-message': 'The VLE sent a launch that plc-kit cannot use.',
  'refused.keys-unavailable': 'plc-kit could not fetch your VLE’s signing keys to check the sign-in.',
  'refused.not-staff': 'plc-kit is for staff: your role in this course does not open it.',
  'refused.anonymous': 'Your VLE did not say who you are, so plc-kit cannot open your work.',
  'refused.unknown-person': 'You are not in plc-kit’s staff list for this school yet.',
  'refused.ambiguous-email': 'More than one person in plc-kit’s staff list has your email address.',
  'refused.left': 'Your access to plc-kit has ended because you have left the school. Your past work stays with the school.',
  'refused.domain-not-allowed': 'Your account is not one of the school’s accounts that may sign in to plc-kit.',
  'refused.email-unverified': 'Your account’s email address is not verified, so plc-kit cannot tell who you are.',
  'refused.sso-failed': 'The school’s sign-in service did not complete the sign-in.',
  'refused.unknown-provider': 'There is no such sign-in for this school.',
  'refused.registration-link': 'This registration link is not valid: it has expired or was already used.',
  'refused.registration-failed': 'Your VLE did not accept plc-kit’s registration.',
  'next.launch-again': 'Open plc-kit again from your course. If it happens again, tell your school’s plc-kit administrator the reference below.',
  'next.ask-admin': 'Ask your school’s plc-kit administrator, and give them the reference below.',
  'next.new-window': 'Open plc-kit again from your course; if your VLE offers it, choose “open in a new window”.',
  'reference': 'Reference',
  'you-are': 'Your VLE says you are',
  'picker.intro': 'Choose what this course’s link opens. Everyone who follows it sees only what plc-kit lets them see.',
  'picker.my-enquiries': 'My enquiries: each member of staff sees their own',
  'picker.board': 'A community’s board',
  'picker.booklet': 'A cycle’s booklet of published outcomes',
  'picker.none': 'There is nothing of this kind yet.',
  'picker.title': 'Title in the course',
  'picker.submit': 'Add to the course',
  'picker.cancel': 'Cancel',
  'registered.body': 'plc-kit is now registered with your VLE. You can close this window.',
  'signin.with': 'Sign in with',
  'loading.body': 'Checking your sign-in with your VLE…',
  'config.intro': 'Give your VLE these values when you add plc-kit as an LTI 1.3 (LTI Advantage) tool. Dynamic registration fills them in for you where your VLE offers it.',
  'config.field': 'Field',
  'config.value': 'Value',
  'vle.title': 'Sharing what we learned',
  'vle.contents': 'Contents',
  'vle.driving-question': 'Driving question',
  'vle.authors': 'By',
  'vle.summary': 'Summary',
  'vle.findings': 'What we found',
  'vle.recommendations': 'What we recommend',
  'vle.reflection': 'Reflection',
  'vle.what-worked': 'What worked',
  'vle.what-did-not': 'What did not work',
  'vle.next-steps': 'Next steps',
  'vle.evidence': 'Evidence',
  'vle.other-theme': 'Other enquiries',
  'vle.sessions': 'Shared with all staff',
  'vle.read-outcome': 'Read the whole outcome',
  'vle.read-booklet': 'Read the booklet',
  'vle.not-found': 'There is nothing to show at this link: it may have been mistyped.',
  'vle.revoked': 'This is no longer shared here: the school stopped sharing it through this link. Ask whoever placed it for a new one.',
  'picker.outcome': 'A published outcome (shown in the course as it is, for everyone in it)',
} as const;

/** A message id. */
export type PageTextId = keyof typeof enGB;

const enUS: Record<PageTextId, string> = {
  ...enGB,
  'picker.my-enquiries': 'My inquiries: each member of staff sees their own',
  'refused.not-staff': 'plc-kit is for faculty and staff: your role in this course does not open it.',
  'vle.other-theme': 'Other inquiries',
  'vle.sessions': 'Shared with all staff',
};

const es: Record<PageTextId, string> = {
  'title.refused': 'plc-kit no ha podido iniciar tu sesión',
  'title.config': 'Conecta plc-kit con tu entorno virtual (LTI 1.3)',
  'title.picker': 'Añadir plc-kit a este curso',
  'title.registered': 'plc-kit está registrado',
  'title.loading': 'Abriendo plc-kit…',
  'title.signin': 'Inicia sesión en plc-kit',
  'refused.unknown-client': 'Este enlace a plc-kit viene de un entorno virtual que plc-kit aún no conoce.',
  'refused.wrong-issuer': 'El inicio de sesión llegó de un entorno virtual distinto del que lo empezó.',
  'refused.bad-signature': 'No se ha podido verificar el inicio de sesión de tu entorno virtual (la firma no coincide con sus claves).',
  'refused.wrong-audience': 'El inicio de sesión de tu entorno virtual era para otra herramienta, no para plc-kit.',
  'refused.expired': 'El inicio de sesión de tu entorno virtual ha caducado.',
  'refused.replayed-nonce': 'Este inicio de sesión ya se usó una vez; por tu seguridad no puede usarse de nuevo.',
  'refused.nonce-mismatch': 'El inicio de sesión de tu entorno virtual no corresponde a la petición de plc-kit.',
  'refused.unknown-deployment': 'Esta instalación de plc-kit en tu entorno virtual aún no está aprobada en plc-kit.',
  'refused.missing-state': 'Tu navegador no guardó los datos que plc-kit necesita para terminar (pasa cuando bloquea las cookies dentro del marco del entorno virtual), o el inicio de sesión tardó demasiado.',
  'refused.invalid-message': 'El entorno virtual envió un lanzamiento que plc-kit no puede usar.',
  'refused.keys-unavailable': 'plc-kit no pudo obtener las claves de firma de tu entorno virtual para comprobar el inicio de sesión.',
  'refused.not-staff': 'plc-kit es para el personal: tu rol en este curso no da acceso.',
  'refused.anonymous': 'Tu entorno virtual no indicó quién eres, así que plc-kit no puede abrir tu trabajo.',
  'refused.unknown-person': 'Todavía no estás en la lista de personal de plc-kit de este centro.',
  'refused.ambiguous-email': 'Más de una persona de la lista de personal de plc-kit tiene tu correo electrónico.',
  'refused.left': 'Tu acceso a plc-kit ha terminado porque ya no estás en el centro. Tu trabajo anterior se conserva.',
  'refused.domain-not-allowed': 'Tu cuenta no es una de las cuentas del centro que pueden entrar en plc-kit.',
  'refused.email-unverified': 'El correo de tu cuenta no está verificado, así que plc-kit no sabe quién eres.',
  'refused.sso-failed': 'El servicio de inicio de sesión del centro no completó el inicio de sesión.',
  'refused.unknown-provider': 'Este centro no tiene ese inicio de sesión.',
  'refused.registration-link': 'Este enlace de registro no es válido: ha caducado o ya se usó.',
  'refused.registration-failed': 'Tu entorno virtual no aceptó el registro de plc-kit.',
  'next.launch-again': 'Vuelve a abrir plc-kit desde tu curso. Si se repite, da la referencia de abajo al administrador de plc-kit de tu centro.',
  'next.ask-admin': 'Pregunta al administrador de plc-kit de tu centro y dale la referencia de abajo.',
  'next.new-window': 'Vuelve a abrir plc-kit desde tu curso; si tu entorno virtual lo ofrece, elige «abrir en una ventana nueva».',
  'reference': 'Referencia',
  'you-are': 'Tu entorno virtual dice que eres',
  'picker.intro': 'Elige qué abre el enlace de este curso. Cada persona verá solo lo que plc-kit le permite ver.',
  'picker.my-enquiries': 'Mis indagaciones: cada docente ve las suyas',
  'picker.board': 'El tablero de una comunidad',
  'picker.booklet': 'El cuaderno de resultados publicados de un ciclo',
  'picker.none': 'Todavía no hay nada de este tipo.',
  'picker.title': 'Título en el curso',
  'picker.submit': 'Añadir al curso',
  'picker.cancel': 'Cancelar',
  'registered.body': 'plc-kit ya está registrado en tu entorno virtual. Puedes cerrar esta ventana.',
  'signin.with': 'Iniciar sesión con',
  'loading.body': 'Comprobando tu inicio de sesión con tu entorno virtual…',
  'config.intro': 'Da estos valores a tu entorno virtual al añadir plc-kit como herramienta LTI 1.3 (LTI Advantage). El registro dinámico los rellena por ti si tu entorno virtual lo ofrece.',
  'config.field': 'Campo',
  'config.value': 'Valor',
  'vle.title': 'Compartimos lo que aprendimos',
  'vle.contents': 'Índice',
  'vle.driving-question': 'Pregunta guía',
  'vle.authors': 'Autoría',
  'vle.summary': 'Resumen',
  'vle.findings': 'Lo que descubrimos',
  'vle.recommendations': 'Lo que recomendamos',
  'vle.reflection': 'Reflexión',
  'vle.what-worked': 'Lo que funcionó',
  'vle.what-did-not': 'Lo que no funcionó',
  'vle.next-steps': 'Próximos pasos',
  'vle.evidence': 'Evidencias',
  'vle.other-theme': 'Otras investigaciones',
  'vle.sessions': 'Compartido con todo el personal',
  'vle.read-outcome': 'Leer el resultado completo',
  'vle.read-booklet': 'Leer el cuaderno',
  'vle.not-found': 'No hay nada que mostrar en este enlace: puede que esté mal escrito.',
  'vle.revoked': 'Esto ya no se comparte aquí: el centro dejó de compartirlo a través de este enlace. Pide uno nuevo a quien lo publicó.',
  'picker.outcome': 'Un resultado publicado (se muestra en el curso tal cual, para todo el curso)',
};

/** Every catalogue, by locale (complete: a test checks every id is in each). */
export const PAGE_TEXT: Readonly<Record<PageLocale, Readonly<Record<PageTextId, string>>>> = { 'en-GB': enGB, 'en-US': enUS, es };

/** The closest page locale for a BCP 47 tag or an `Accept-Language` header (`en_US` as LTI sends it too). */
export function pageLocale(tag: string | undefined): PageLocale {
  for (const part of (tag ?? '').split(',')) {
    const lower = part.split(';')[0]!.trim().toLowerCase().replace('_', '-');
    if (lower === 'en-us') return 'en-US';
    if (lower === 'es' || lower.startsWith('es-')) return 'es';
    if (lower === 'en' || lower.startsWith('en-')) return 'en-GB';
  }
  return 'en-GB';
}

/** The text of `id` in `locale`. */
export const pageText = (locale: PageLocale, id: PageTextId): string => PAGE_TEXT[locale][id];
