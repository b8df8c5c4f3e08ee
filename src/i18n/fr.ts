import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Translation } from './messages.js';

const reasons = {
  empty: 'aucun numéro indiqué',
  'not-a-number': 'ce n’est pas un numéro de téléphone',
  'control-character': 'le numéro contient un caractère de contrôle',
  'no-country': 'un numéro national a besoin d’un pays par défaut',
  'unknown-country': 'indicatif de pays inconnu',
  'too-short': 'le numéro est trop court',
  'too-long': 'le numéro est trop long',
  invalid: 'numéro de téléphone non valide',
  unavailable: 'les données de numérotation n’ont pas pu être chargées',
};

const wait = (seconds: number) => (seconds < 90 ? `${seconds} seconde${seconds > 1 ? 's' : ''}` : `${Math.ceil(seconds / 60)} minutes`);

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'Refusé',
  'not-answered': 'Pas de réponse',
  cancelled: 'Appel annulé',
  failed: 'Échec de l’appel',
  unknown: 'État de l’appel inconnu',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` L’API indique : « ${e.serverMessage} »` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed
        ? 'Le jeton d’accès n’a pas pu être obtenu ; aucun appel n’a été passé.'
        : 'Aucun jeton d’accès n’est configuré ; aucun appel n’a été passé.';
    case 'signed-out':
      return 'Connectez-vous à Avaya Spaces pour appeler.';
    case 'token-unavailable':
      return e.status ? `Le service de connexion n’a pas pu fournir de jeton d’accès (HTTP ${e.status}) ; aucun appel n’a été passé.` : 'Le service de connexion est injoignable ; aucun appel n’a été passé.';
    case 'bad-config':
      return `Le bouton est mal configuré : ${e.problem}.`;
    case 'busy':
      return 'Un autre appel est en cours de lancement. Réessayez dans un instant.';
    case 'insecure-endpoint':
      return `Le jeton n’est envoyé qu’en https (ou à cet ordinateur) ; ${e.origin} a été refusé.`;
    case 'bad-request':
      return `L’API a refusé la demande d’appel.${said}`;
    case 'unauthorized':
      return `Le jeton d’accès a été refusé ou a expiré.${said}`;
    case 'forbidden':
      return `Les appels ne sont pas autorisés pour cet utilisateur.${said} Il faut la licence d’appel Aura, un pays de facturation autorisé et l’adhésion aux appels Spaces.`;
    case 'not-found':
      return `L’API d’appel est introuvable : vérifiez l’environnement ou api-base.${said}`;
    case 'rate-limited':
      return `Trop de demandes d’appel. ${e.retryAfterSeconds === undefined ? 'Patientez un instant' : `Patientez ${wait(e.retryAfterSeconds)}`} puis réessayez.${said}`;
    case 'server':
      return `Le service d’appel a échoué (HTTP ${e.status}). Réessayez plus tard.${said}`;
    case 'http':
      return `L’API d’appel a répondu avec un statut HTTP inattendu : ${e.status}.${said}`;
    case 'redirect':
      return 'L’API d’appel a répondu par une redirection ; elle n’a pas été suivie afin que le jeton reste auprès de l’API.';
    case 'bad-response':
      return `La réponse de l’API d’appel est illisible (${e.unreadable === 'no-receivers' ? 'aucun destinataire' : 'pas du JSON'}). L’appel a peut-être été passé.`;
    case 'network':
      return 'L’API d’appel est injoignable. Vérifiez la connexion réseau.';
    case 'timeout':
      return `L’API d’appel n’a pas répondu en ${(e.timeoutMs ?? 0) / 1000} secondes. L’appel a peut-être été passé.`;
    case 'aborted':
      return 'La demande d’appel a été annulée.';
  }
}

const fr: Translation = {
  callLabel: (number, extension) => `Appeler le ${number}${extension ? `, poste ${extension}` : ''}`,
  callMaskedLabel: (lastDigits) => `Appeler le numéro se terminant par ${lastDigits}`,
  extension: (extension) => `poste ${extension}`,
  invalid: (reason) => `Appel impossible : ${reasons[reason]}`,
  placing: 'Appel en cours de lancement…',
  calling: (name) => `Appel de ${name}…`,
  receiverStatus: (name, status) => `${name} : ${status}`,
  answered: (name) => `${name} a répondu`,
  ended: (outcome, duration) => (outcome === 'answered' ? `Appel terminé${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `Annuler l’appel vers ${number}`,
  signIn: 'Se connecter',
  error,
};
export default fr;
