import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Translation } from './messages.js';

const reasons = {
  empty: 'keine Nummer angegeben',
  'not-a-number': 'keine Telefonnummer',
  'control-character': 'die Nummer enthält ein Steuerzeichen',
  'no-country': 'eine nationale Nummer braucht ein Standardland',
  'unknown-country': 'unbekannte Landesvorwahl',
  'too-short': 'die Nummer ist zu kurz',
  'too-long': 'die Nummer ist zu lang',
  invalid: 'keine gültige Telefonnummer',
  unavailable: 'die Telefonnummerndaten konnten nicht geladen werden',
};

const wait = (seconds: number) => (seconds < 90 ? `${seconds} Sekunde${seconds === 1 ? '' : 'n'}` : `${Math.ceil(seconds / 60)} Minuten`);

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'Abgelehnt',
  'not-answered': 'Keine Antwort',
  cancelled: 'Anruf abgebrochen',
  failed: 'Anruf fehlgeschlagen',
  unknown: 'Anrufstatus unbekannt',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` Die API meldet: „${e.serverMessage}“` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed
        ? 'Das Zugriffstoken konnte nicht abgerufen werden; es wurde kein Anruf getätigt.'
        : 'Es ist kein Zugriffstoken eingerichtet; es wurde kein Anruf getätigt.';
    case 'signed-out':
      return 'Bei Avaya Spaces anmelden, um anzurufen.';
    case 'token-unavailable':
      return e.status ? `Der Anmeldedienst konnte kein Zugriffstoken liefern (HTTP ${e.status}); es wurde kein Anruf getätigt.` : 'Der Anmeldedienst war für ein Zugriffstoken nicht erreichbar; es wurde kein Anruf getätigt.';
    case 'bad-config':
      return `Die Schaltfläche ist falsch konfiguriert: ${e.problem}.`;
    case 'busy':
      return 'Es wird bereits ein anderer Anruf aufgebaut. Bitte gleich noch einmal versuchen.';
    case 'insecure-endpoint':
      return `Das Token wird nur über https (oder an diesen Computer) gesendet; ${e.origin} wurde abgelehnt.`;
    case 'bad-request':
      return `Die API hat die Anrufanfrage abgelehnt.${said}`;
    case 'unauthorized':
      return `Das Zugriffstoken wurde abgelehnt oder ist abgelaufen.${said}`;
    case 'forbidden':
      return `Anrufe sind für diesen Benutzer nicht erlaubt.${said} Nötig sind die Aura-Calling-Lizenz, ein freigegebenes Abrechnungsland und die Zustimmung zu Spaces-Anrufen.`;
    case 'not-found':
      return `Die Anruf-API wurde nicht gefunden: Umgebung oder api-base prüfen.${said}`;
    case 'rate-limited':
      return `Zu viele Anrufanfragen. ${e.retryAfterSeconds === undefined ? 'Bitte kurz warten' : `Bitte ${wait(e.retryAfterSeconds)} warten`} und erneut versuchen.${said}`;
    case 'server':
      return `Der Anrufdienst ist ausgefallen (HTTP ${e.status}). Bitte später erneut versuchen.${said}`;
    case 'http':
      return `Die Anruf-API antwortete mit dem unerwarteten HTTP-Status ${e.status}.${said}`;
    case 'redirect':
      return 'Die Anruf-API antwortete mit einer Umleitung; sie wurde nicht befolgt, damit das Token bei der API bleibt.';
    case 'bad-response':
      return `Die Antwort der Anruf-API war nicht lesbar (${e.unreadable === 'no-receivers' ? 'keine Empfänger' : 'kein JSON'}). Der Anruf wurde möglicherweise trotzdem aufgebaut.`;
    case 'network':
      return 'Die Anruf-API ist nicht erreichbar. Bitte die Netzwerkverbindung prüfen.';
    case 'timeout':
      return `Die Anruf-API hat nicht innerhalb von ${(e.timeoutMs ?? 0) / 1000} Sekunden geantwortet. Der Anruf wurde möglicherweise trotzdem aufgebaut.`;
    case 'aborted':
      return 'Die Anrufanfrage wurde abgebrochen.';
  }
}

const de: Translation = {
  callLabel: (number, extension) => `${number}${extension ? `, Durchwahl ${extension},` : ''} anrufen`,
  callMaskedLabel: (lastDigits) => `Die Nummer mit den Endziffern ${lastDigits} anrufen`,
  extension: (extension) => `Durchwahl ${extension}`,
  invalid: (reason) => `Anruf nicht möglich: ${reasons[reason]}`,
  placing: 'Anruf wird aufgebaut…',
  calling: (name) => `${name} wird angerufen…`,
  receiverStatus: (name, status) => `${name}: ${status}`,
  answered: (name) => `${name} hat angenommen`,
  ended: (outcome, duration) => (outcome === 'answered' ? `Anruf beendet${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `Anruf an ${number} abbrechen`,
  signIn: 'Anmelden',
  error,
};
export default de;
