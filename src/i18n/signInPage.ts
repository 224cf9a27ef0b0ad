import { defineArea } from './catalog';

/** The credentials sign-in page. */
export const signInPage = defineArea({
  en: {
    'signin.pageTitle': 'Sign in to DigiOffice',
    'signin.intro':
      'Sign in with your DigiOffice account so the Teams bot can finish tasks as you. Your password goes to DigiOffice only and is not stored.',
    'signin.username': 'User name',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.rejected': 'The user name or password is incorrect.',
    'signin.missing': 'Please enter your user name and password.',
    'signin.done': 'You are signed in as {name}. You can close this window and go back to Teams.',
    'signin.expired': 'This sign-in link has expired or was already used. Type "sign in" in Teams to get a new one.',
    'signin.unavailable': 'DigiOffice could not be reached. Please try again later.',
  },
  nl: {
    'signin.pageTitle': 'Aanmelden bij DigiOffice',
    'signin.intro':
      'Meld je aan met je DigiOffice-account, zodat de Teams-bot taken namens jou kan afronden. Je wachtwoord gaat alleen naar DigiOffice en wordt niet bewaard.',
    'signin.username': 'Gebruikersnaam',
    'signin.password': 'Wachtwoord',
    'signin.submit': 'Aanmelden',
    'signin.rejected': 'De gebruikersnaam of het wachtwoord is onjuist.',
    'signin.missing': 'Vul je gebruikersnaam en wachtwoord in.',
    'signin.done': 'Je bent aangemeld als {name}. Je kunt dit venster sluiten en teruggaan naar Teams.',
    'signin.expired': 'Deze aanmeldlink is verlopen of al gebruikt. Typ "aanmelden" in Teams voor een nieuwe link.',
    'signin.unavailable': 'DigiOffice is niet bereikbaar. Probeer het later opnieuw.',
  },
});
