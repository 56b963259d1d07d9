/**
 * Requests and offers drafted from questionnaire answers (a State's Q4, a JSWG organization's Q7), what of the answer
 * is withheld, and answer edits waiting for confirmation (issue 13, decision 014).
 */
export const answerLinksEn = {
  'link.fromAnswer': 'Drafted from your answer to {question} on mandate {mandate}.',
  'link.openAnswer': 'Open the answer',
  'link.withheld.title': 'Withheld text was not copied',
  'link.withheld.whole': 'The whole answer is withheld at your request, so none of its text was copied here.',
  'link.withheld.fields':
    'Part of the answer is withheld at your request ({fields}), so that part was not copied here.',
  'link.withheld.field.summary': 'the summary',
  'link.withheld.field.full': 'the full answer',
  'link.withheld.pending':
    'Your non-disclosure request awaits the decision; until then the text is treated as withheld.',
  'link.withheld.granted': 'Your non-disclosure request was granted.',
  'link.withheld.refused':
    'The Chair refused to withhold it: it stays withheld during your amendment period, or for good if you withdrew the content.',
  'link.withheld.letters': 'Letter to the Chair: {refs}.',
  'link.withheld.publishIntro':
    'Before publishing, write what others may read, in your own words. The withheld text cannot be published.',
  'link.withheld.publish': 'Publish this text',
  'link.withheld.noPublishRole': 'A focal point of your organization writes what may be shown and publishes it.',
  'link.held.title': 'No longer published',
  'link.held.body':
    'The answer this came from is now withheld at your request, so others no longer see it. Write what may be shown and publish it again.',
  'link.pending.title': 'Your answer changed',
  'link.pending.intro':
    'The answer this came from was edited after publication. The text others read does not change unless you confirm.',
  'link.pending.current': 'Text now',
  'link.pending.proposed': 'From the answer',
  'link.pending.confirm': 'Use the answer’s text',
  'link.pending.ignore': 'Keep the current text',
  'link.pending.confirmed': 'The text from the answer is now used.',
  'link.pending.ignored': 'The current text is kept.',
  'link.pending.noRole': 'A focal point of your organization confirms or ignores it.',
  'link.q.request': 'This answer became an assistance request.',
  'link.q.offer': 'This answer became a cooperation offer.',
  'link.q.openRequest': 'Open the request',
  'link.q.openOffer': 'Open the offer',
  'link.q.draft': 'It is a draft: only your organization and the Secretariat see it.',
  'link.q.published': 'It is published: edits of this answer wait for your confirmation on its page.',
  'link.q.held': 'It was unpublished because this answer is withheld: write what may be shown on its page.',
  'link.q.pending': 'Your latest edit waits for your confirmation on its page.',
  'link.q.withheldNote': 'Text you ask to withhold is never copied into it.',
} as const;

export const answerLinksEs: Record<keyof typeof answerLinksEn, string> = {
  'link.fromAnswer': 'Redactado a partir de su respuesta a la {question} del mandato {mandate}.',
  'link.openAnswer': 'Abrir la respuesta',
  'link.withheld.title': 'No se copió el texto reservado',
  'link.withheld.whole': 'Toda la respuesta está reservada a su pedido, por lo que no se copió aquí nada de su texto.',
  'link.withheld.fields':
    'Parte de la respuesta está reservada a su pedido ({fields}), por lo que esa parte no se copió aquí.',
  'link.withheld.field.summary': 'el resumen',
  'link.withheld.field.full': 'la respuesta completa',
  'link.withheld.pending':
    'Su solicitud de no divulgación espera la decisión; mientras tanto, el texto se trata como reservado.',
  'link.withheld.granted': 'Su solicitud de no divulgación fue aceptada.',
  'link.withheld.refused':
    'La Presidencia denegó la reserva: sigue reservado durante su plazo de enmienda, o definitivamente si usted retiró el contenido.',
  'link.withheld.letters': 'Carta a la Presidencia: {refs}.',
  'link.withheld.publishIntro':
    'Antes de publicar, escriba con sus propias palabras lo que otros pueden leer. El texto reservado no puede publicarse.',
  'link.withheld.publish': 'Publicar este texto',
  'link.withheld.noPublishRole': 'Un punto focal de su organización escribe lo que puede mostrarse y lo publica.',
  'link.held.title': 'Ya no está publicado',
  'link.held.body':
    'La respuesta de la que proviene está ahora reservada a su pedido, por lo que otros ya no lo ven. Escriba lo que puede mostrarse y vuelva a publicarlo.',
  'link.pending.title': 'Su respuesta cambió',
  'link.pending.intro':
    'La respuesta de la que proviene se editó después de la publicación. El texto que leen otros no cambia a menos que usted lo confirme.',
  'link.pending.current': 'Texto actual',
  'link.pending.proposed': 'De la respuesta',
  'link.pending.confirm': 'Usar el texto de la respuesta',
  'link.pending.ignore': 'Mantener el texto actual',
  'link.pending.confirmed': 'Ahora se usa el texto de la respuesta.',
  'link.pending.ignored': 'Se mantiene el texto actual.',
  'link.pending.noRole': 'Un punto focal de su organización lo confirma o lo descarta.',
  'link.q.request': 'Esta respuesta se convirtió en una solicitud de asistencia.',
  'link.q.offer': 'Esta respuesta se convirtió en una oferta de cooperación.',
  'link.q.openRequest': 'Abrir la solicitud',
  'link.q.openOffer': 'Abrir la oferta',
  'link.q.draft': 'Es un borrador: solo su organización y la Secretaría lo ven.',
  'link.q.published': 'Está publicado: las ediciones de esta respuesta esperan su confirmación en su página.',
  'link.q.held':
    'Se retiró de la publicación porque esta respuesta está reservada: escriba en su página lo que puede mostrarse.',
  'link.q.pending': 'Su última edición espera su confirmación en su página.',
  'link.q.withheldNote': 'El texto que usted pide reservar nunca se copia en él.',
};
