/**
 * Strings of one feature, kept in their own module so that features can grow without touching one shared file.
 * en.ts and es.ts spread them; the parity test covers them like every other key.
 *
 * Civil-society recommendations (issue 13, item 7; decision 016): submitted by organizations, moderated by the
 * Secretariat, public once published.
 */
export const recommendationsEn = {
  'nav.recommendations': 'Our recommendations',
  'nav.moderateRecommendations': 'Recommendations',
  'home.feature.recommendations': 'Read the recommendations of civil society',
  'coop.notification.recommendation.submitted': 'A civil-society organization submitted a recommendation to moderate',
  'coop.notification.recommendation.published': 'The Summits Secretariat published your organization’s recommendation',
  'coop.notification.recommendation.declined':
    'The Summits Secretariat declined your organization’s recommendation: see the reason',

  'rec.status.pending': 'Waiting for the Secretariat',
  'rec.status.published': 'Published',
  'rec.status.declined': 'Declined',
  'rec.status.withdrawn': 'Withdrawn',
  'rec.lang.en': 'English',
  'rec.lang.es': 'Spanish',
  'rec.lang.fr': 'French',
  'rec.lang.pt': 'Portuguese',
  'rec.writtenIn': 'Written in {language}',
  'rec.target.mandate': 'Mandate {n}',
  'rec.target.cycle': 'Reporting cycle: {cycle}',
  'rec.meta': 'By {organization}, published {date}',
  'rec.csv': 'Download the published recommendations (CSV)',
  'rec.json': 'Download the published recommendations (JSON)',

  // Public list
  'rec.public.title': 'Recommendations of civil society',
  'rec.public.intro':
    'Registered civil-society organizations present recommendations on the Commitment’s mandates and on published reporting cycles (Mechanism, section 3 d). The Summits Secretariat publishes each one exactly as written, in the organization’s language, or declines it: they are the organizations’ views, not the Mechanism’s.',
  'rec.public.empty': 'No recommendation has been published yet.',
  'rec.public.emptyCycle': 'No recommendation on this reporting cycle has been published yet.',
  'rec.public.count': '{n} published recommendation(s)',
  'rec.filter.cycle': 'Reporting cycle',
  'rec.filter.all': 'Every recommendation',
  'rec.filter.show': 'Show',
  'rec.mine.link': 'Your organization’s recommendations',
  'rec.new.link': 'Submit a recommendation',

  // The organization's own list
  'rec.mine.title': 'Your organization’s recommendations',
  'rec.mine.intro':
    'A recommendation you submit waits for the Summits Secretariat, which publishes it as written or declines it with a reason. You may withdraw it until then. Only published recommendations are public; the others are seen by your organization and the Secretariat only.',
  'rec.mine.empty': 'Your organization has not submitted a recommendation yet.',
  'rec.mine.submitted':
    'Your recommendation was submitted. The Summits Secretariat will publish it or tell you why not.',
  'rec.mine.withdrawn': 'The recommendation was withdrawn.',
  'rec.mine.withdraw': 'Withdraw',
  'rec.mine.withdrawLabel': 'Withdraw “{title}”',
  'rec.mine.reason': 'The Secretariat’s reason: {reason}',
  'rec.col.recommendation': 'Recommendation',
  'rec.col.about': 'About',
  'rec.col.submitted': 'Submitted',
  'rec.public.link': 'Published recommendations',

  // Submitting
  'rec.new.title': 'Submit a recommendation',
  'rec.new.intro':
    'Address a mandate of the Commitment, a published reporting cycle, or one mandate within a published cycle. The Summits Secretariat reads it before publication: it publishes the text exactly as you wrote it, or declines it and tells you why. It never edits it.',
  'rec.field.title': 'Title',
  'rec.field.text': 'Recommendation',
  'rec.field.textHint': 'Up to {max} characters. It is published as written: leave out personal data.',
  'rec.field.language': 'Language of the text',
  'rec.field.commitment': 'Commitment',
  'rec.field.mandate': 'Mandate number',
  'rec.field.mandateHint': 'From 1 to {max}. Leave empty to address a whole reporting cycle.',
  'rec.field.cycle': 'Published reporting cycle',
  'rec.field.cycleHint': 'Optional when you give a mandate.',
  'rec.field.noCycle': 'No particular cycle',
  'rec.submit': 'Submit to the Secretariat',

  // The Secretariat's moderation page
  'rec.admin.title': 'Recommendations to moderate',
  'rec.admin.intro':
    'Recommendations of civil-society organizations wait here, oldest first. Publish one exactly as written, or decline it with a reason the organization is told. Nobody can edit the text.',
  'rec.admin.empty': 'No recommendation is waiting.',
  'rec.admin.count': '{n} waiting',
  'rec.admin.from': 'From {organization}, submitted on',
  'rec.admin.publish': 'Publish as written',
  'rec.admin.publishLabel': 'Publish “{title}” as written',
  'rec.admin.reason': 'Reason for declining (the organization is told)',
  'rec.admin.decline': 'Decline',
  'rec.admin.declineLabel': 'Decline “{title}”',
  'rec.admin.published': 'Published. The organization was notified.',
  'rec.admin.declined': 'Declined. The organization was told the reason.',

  // Section of the mandate page
  'rec.mandate.title': 'Recommendations of civil society',
  'rec.mandate.note': 'In the organizations’ own words, published by the Summits Secretariat as written.',
  'rec.mandate.empty': 'No recommendation of civil society on this mandate has been published.',
  'rec.mandate.all': 'All published recommendations',
  'rec.mandate.submit': 'Submit a recommendation on this mandate',
} as const;

export const recommendationsEs: Record<keyof typeof recommendationsEn, string> = {
  'nav.recommendations': 'Nuestras recomendaciones',
  'nav.moderateRecommendations': 'Recomendaciones',
  'home.feature.recommendations': 'Leer las recomendaciones de la sociedad civil',
  'coop.notification.recommendation.submitted':
    'Una organización de la sociedad civil presentó una recomendación para moderar',
  'coop.notification.recommendation.published': 'La Secretaría de Cumbres publicó la recomendación de su organización',
  'coop.notification.recommendation.declined':
    'La Secretaría de Cumbres rechazó la recomendación de su organización: vea el motivo',

  'rec.status.pending': 'En espera de la Secretaría',
  'rec.status.published': 'Publicada',
  'rec.status.declined': 'Rechazada',
  'rec.status.withdrawn': 'Retirada',
  'rec.lang.en': 'inglés',
  'rec.lang.es': 'español',
  'rec.lang.fr': 'francés',
  'rec.lang.pt': 'portugués',
  'rec.writtenIn': 'Escrita en {language}',
  'rec.target.mandate': 'Mandato {n}',
  'rec.target.cycle': 'Ciclo de informes: {cycle}',
  'rec.meta': 'De {organization}, publicada el {date}',
  'rec.csv': 'Descargar las recomendaciones publicadas (CSV)',
  'rec.json': 'Descargar las recomendaciones publicadas (JSON)',

  'rec.public.title': 'Recomendaciones de la sociedad civil',
  'rec.public.intro':
    'Las organizaciones de la sociedad civil registradas presentan recomendaciones sobre los mandatos del Compromiso y sobre los ciclos de informes publicados (Mecanismo, sección 3 d). La Secretaría de Cumbres publica cada una tal como está escrita, en el idioma de la organización, o la rechaza: son opiniones de las organizaciones, no del Mecanismo.',
  'rec.public.empty': 'Aún no se ha publicado ninguna recomendación.',
  'rec.public.emptyCycle': 'Aún no se ha publicado ninguna recomendación sobre este ciclo de informes.',
  'rec.public.count': '{n} recomendación(es) publicada(s)',
  'rec.filter.cycle': 'Ciclo de informes',
  'rec.filter.all': 'Todas las recomendaciones',
  'rec.filter.show': 'Mostrar',
  'rec.mine.link': 'Las recomendaciones de su organización',
  'rec.new.link': 'Presentar una recomendación',

  'rec.mine.title': 'Las recomendaciones de su organización',
  'rec.mine.intro':
    'Una recomendación que usted presenta espera a la Secretaría de Cumbres, que la publica tal como está escrita o la rechaza indicando el motivo. Hasta entonces puede retirarla. Solo las recomendaciones publicadas son públicas; las demás solo las ven su organización y la Secretaría.',
  'rec.mine.empty': 'Su organización aún no ha presentado ninguna recomendación.',
  'rec.mine.submitted': 'Su recomendación fue presentada. La Secretaría de Cumbres la publicará o le dirá por qué no.',
  'rec.mine.withdrawn': 'La recomendación fue retirada.',
  'rec.mine.withdraw': 'Retirar',
  'rec.mine.withdrawLabel': 'Retirar «{title}»',
  'rec.mine.reason': 'Motivo de la Secretaría: {reason}',
  'rec.col.recommendation': 'Recomendación',
  'rec.col.about': 'Sobre',
  'rec.col.submitted': 'Presentada',
  'rec.public.link': 'Recomendaciones publicadas',

  'rec.new.title': 'Presentar una recomendación',
  'rec.new.intro':
    'Diríjase a un mandato del Compromiso, a un ciclo de informes publicado o a un mandato dentro de un ciclo publicado. La Secretaría de Cumbres la lee antes de publicarla: publica el texto exactamente como usted lo escribió, o lo rechaza y le dice por qué. Nunca lo edita.',
  'rec.field.title': 'Título',
  'rec.field.text': 'Recomendación',
  'rec.field.textHint': 'Hasta {max} caracteres. Se publica tal como está escrita: no incluya datos personales.',
  'rec.field.language': 'Idioma del texto',
  'rec.field.commitment': 'Compromiso',
  'rec.field.mandate': 'Número de mandato',
  'rec.field.mandateHint': 'Del 1 al {max}. Déjelo vacío para dirigirse a todo un ciclo de informes.',
  'rec.field.cycle': 'Ciclo de informes publicado',
  'rec.field.cycleHint': 'Opcional si indica un mandato.',
  'rec.field.noCycle': 'Ningún ciclo en particular',
  'rec.submit': 'Enviar a la Secretaría',

  'rec.admin.title': 'Recomendaciones por moderar',
  'rec.admin.intro':
    'Las recomendaciones de las organizaciones de la sociedad civil esperan aquí, de la más antigua a la más reciente. Publique una exactamente como está escrita, o recházela con un motivo que se comunica a la organización. Nadie puede editar el texto.',
  'rec.admin.empty': 'No hay ninguna recomendación en espera.',
  'rec.admin.count': '{n} en espera',
  'rec.admin.from': 'De {organization}, presentada el',
  'rec.admin.publish': 'Publicar tal como está',
  'rec.admin.publishLabel': 'Publicar «{title}» tal como está',
  'rec.admin.reason': 'Motivo del rechazo (se comunica a la organización)',
  'rec.admin.decline': 'Rechazar',
  'rec.admin.declineLabel': 'Rechazar «{title}»',
  'rec.admin.published': 'Publicada. Se notificó a la organización.',
  'rec.admin.declined': 'Rechazada. Se comunicó el motivo a la organización.',

  'rec.mandate.title': 'Recomendaciones de la sociedad civil',
  'rec.mandate.note':
    'En palabras de las propias organizaciones, publicadas por la Secretaría de Cumbres tal como están escritas.',
  'rec.mandate.empty': 'No se ha publicado ninguna recomendación de la sociedad civil sobre este mandato.',
  'rec.mandate.all': 'Todas las recomendaciones publicadas',
  'rec.mandate.submit': 'Presentar una recomendación sobre este mandato',
};
