import { defineArea } from './catalog';

/** The credentials sign-in page, and Teams' sign-in prompt on a card. */
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
    'signin.limited': 'Too many failed sign-in attempts. Try again in {minutes} min.',
    'signin.codeSignedIn': 'DigiOffice accepted the sign-in of {name}.',
    'signin.codeInstruction': 'To link the account, type this code in your chat with DigiOffice Tasks in Teams:',
    'signin.codeNote':
      'The code works once, for 10 minutes, and only in the chat of the person who asked for this sign-in link. Never give it to anyone.',
    'signin.codeTeams': 'Did you open this page from a button on a card in Teams? Then Teams takes the code itself and closes this window.',
    'signin.expired': 'This sign-in link has expired or was already used. Type "sign in" in Teams to get a new one.',
    'signin.unavailable': 'DigiOffice could not be reached. Please try again later.',
    'signin.loginRequest': 'Sign in to DigiOffice to finish this task. What you entered is kept.',
    'signin.tooManyCodes': 'Too many wrong sign-in codes. Try again in {minutes} min.',
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
    'signin.limited': 'Te veel mislukte aanmeldpogingen. Probeer het over {minutes} min. opnieuw.',
    'signin.codeSignedIn': 'DigiOffice heeft de aanmelding van {name} geaccepteerd.',
    'signin.codeInstruction': 'Typ deze code in Teams, in je chat met DigiOffice, om het account te koppelen:',
    'signin.codeNote':
      'De code werkt één keer, 10 minuten lang, en alleen in de chat van wie deze aanmeldlink heeft aangevraagd. Geef hem nooit aan iemand anders.',
    'signin.codeTeams':
      'Heb je deze pagina geopend met een knop op een kaart in Teams? Dan neemt Teams de code zelf over en sluit dit venster.',
    'signin.expired': 'Deze aanmeldlink is verlopen of al gebruikt. Typ "aanmelden" in Teams voor een nieuwe link.',
    'signin.unavailable': 'DigiOffice is niet bereikbaar. Probeer het later opnieuw.',
    'signin.loginRequest': 'Meld je aan bij DigiOffice om deze taak af te ronden. Wat je hebt ingevuld blijft bewaard.',
    'signin.tooManyCodes': 'Te veel verkeerde aanmeldcodes. Probeer het over {minutes} min. opnieuw.',
  },
});
