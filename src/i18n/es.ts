import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Translation } from './messages.js';

const reasons = {
  empty: 'no se indicó ningún número',
  'not-a-number': 'no es un número de teléfono',
  'control-character': 'el número contiene un carácter de control',
  'no-country': 'un número nacional necesita un país predeterminado',
  'unknown-country': 'prefijo de país desconocido',
  'too-short': 'el número es demasiado corto',
  'too-long': 'el número es demasiado largo',
  invalid: 'no es un número de teléfono válido',
  unavailable: 'no se pudieron cargar los datos de numeración',
};

const wait = (seconds: number) => (seconds < 90 ? `${seconds} segundo${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutos`);

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'Rechazada',
  'not-answered': 'Sin respuesta',
  cancelled: 'Llamada cancelada',
  failed: 'La llamada falló',
  unknown: 'Estado de la llamada desconocido',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` La API dice: «${e.serverMessage}»` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed
        ? 'No se pudo obtener el token de acceso; no se realizó ninguna llamada.'
        : 'No hay ningún token de acceso configurado; no se realizó ninguna llamada.';
    case 'signed-out':
      return 'Inicie sesión en Avaya Spaces para llamar.';
    case 'token-unavailable':
      return e.status ? `El servicio de inicio de sesión no pudo dar un token de acceso (HTTP ${e.status}); no se realizó ninguna llamada.` : 'No se pudo contactar con el servicio de inicio de sesión; no se realizó ninguna llamada.';
    case 'bad-config':
      return `El botón está mal configurado: ${e.problem}.`;
    case 'busy':
      return 'Ya se está realizando otra llamada. Inténtelo de nuevo en un momento.';
    case 'insecure-endpoint':
      return `El token solo se envía por https (o a este equipo); se rechazó ${e.origin}.`;
    case 'bad-request':
      return `La API rechazó la solicitud de llamada.${said}`;
    case 'unauthorized':
      return `El token de acceso fue rechazado o ha caducado.${said}`;
    case 'forbidden':
      return `Este usuario no tiene permiso para llamar.${said} Necesita la licencia de llamadas Aura, un país de facturación autorizado y haber aceptado las llamadas de Spaces.`;
    case 'not-found':
      return `No se encontró la API de llamadas: compruebe el entorno o api-base.${said}`;
    case 'rate-limited':
      return `Demasiadas solicitudes de llamada. ${e.retryAfterSeconds === undefined ? 'Espere un momento' : `Espere ${wait(e.retryAfterSeconds)}`} y vuelva a intentarlo.${said}`;
    case 'server':
      return `El servicio de llamadas falló (HTTP ${e.status}). Inténtelo más tarde.${said}`;
    case 'http':
      return `La API de llamadas respondió con un estado HTTP inesperado: ${e.status}.${said}`;
    case 'redirect':
      return 'La API de llamadas respondió con una redirección; no se siguió para que el token se quede en la API.';
    case 'bad-response':
      return `La respuesta de la API de llamadas no se pudo leer (${e.unreadable === 'no-receivers' ? 'sin destinatarios' : 'no es JSON'}). Es posible que la llamada se haya realizado.`;
    case 'network':
      return 'No se pudo contactar con la API de llamadas. Compruebe la conexión de red.';
    case 'timeout':
      return `La API de llamadas no respondió en ${(e.timeoutMs ?? 0) / 1000} segundos. Es posible que la llamada se haya realizado.`;
    case 'aborted':
      return 'Se canceló la solicitud de llamada.';
  }
}

const es: Translation = {
  callLabel: (number, extension) => `Llamar al ${number}${extension ? `, extensión ${extension}` : ''}`,
  callMaskedLabel: (lastDigits) => `Llamar al número que termina en ${lastDigits}`,
  extension: (extension) => `ext. ${extension}`,
  invalid: (reason) => `No se puede llamar: ${reasons[reason]}`,
  placing: 'Realizando la llamada…',
  calling: (name) => `Llamando a ${name}…`,
  receiverStatus: (name, status) => `${name}: ${status}`,
  answered: (name) => `${name} ha contestado`,
  ended: (outcome, duration) => (outcome === 'answered' ? `Llamada finalizada${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `Cancelar la llamada a ${number}`,
  signIn: 'Iniciar sesión',
  error,
};
export default es;
