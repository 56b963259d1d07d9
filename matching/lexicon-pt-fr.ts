/**
 * Portuguese and French phrases of the glossary's concepts (issue 16, item 8). Written from the names the
 * conventions give these concepts in their official Portuguese and French texts: the Inter-American Convention
 * against Corruption (OAS, 1996: its four official texts, English, Spanish, Portuguese and French, are equally
 * authentic) and the United Nations Convention against Corruption (French is an official UN language; the
 * Portuguese is Brazil's promulgated text, Decree 5.687/2006), plus the FATF's French terms and the usual names
 * of the institutions and programmes those texts call for. Not written from any evaluation case.
 *
 * Keyed by concept id (lexicon.ts); a test checks every key names a concept.
 */
export const PT_FR_PHRASES: Readonly<Record<string, readonly string[]>> = {
  // UNCAC art. 33 "protection des personnes qui communiquent des informations" / "proteção aos denunciantes"
  whistleblower: ['protecao aos denunciantes', 'denunciante de boa fe', 'personnes qui communiquent des informations', 'protection des personnes qui signalent', 'protection des lanceurs d alerte', 'informante do bem'],
  reporting_channel: ['canal de denuncia', 'canais de denuncia', 'canal de denuncias', 'dispositif de signalement', 'canal de signalement', 'ligne d alerte', 'plateforme de signalement', 'signalement anonyme', 'denuncia anonima'],
  retaliation: ['represalias', 'retaliacao', 'retaliacoes', 'represailles', 'mesures de protection', 'medidas de protecao', 'protection des temoins', 'protecao de testemunhas'],
  access_information: ['acesso a informacao publica', 'direito de acesso a informacao', 'pedidos de informacao', 'acces a l information publique', 'droit d acces a l information', 'demandes d information'],
  transparency: ['transparencia', 'transparence', 'transparencia ativa', 'transparence active'],
  open_data: ['dados abertos', 'portal de dados abertos', 'donnees ouvertes', 'portail de donnees ouvertes'],
  open_government: ['governo aberto', 'gouvernement ouvert', 'parceria para governo aberto', 'partenariat pour un gouvernement ouvert'],
  judicial_independence: ['independencia judicial', 'independencia do poder judiciario', 'independance de la justice', 'independance du pouvoir judiciaire', 'independance judiciaire'],
  judicial_selection: ['selecao de juizes', 'carreira judicial', 'concurso para juizes', 'selection des juges', 'carriere judiciaire', 'nomination des juges'],
  judiciary: ['poder judiciario', 'tribunais', 'juizes', 'pouvoir judiciaire', 'tribunaux', 'juges', 'magistrats'],
  prosecution: ['ministerio publico', 'promotores', 'procuradores', 'ministere public', 'procureurs', 'parquet', 'poursuites'],
  civic_education: ['educacao civica', 'educacao para a cidadania', 'education civique', 'education a la citoyennete'],
  schools: ['escolas', 'ensino medio', 'professores', 'ecoles', 'enseignants', 'college', 'lycee'],
  awareness: ['campanhas de conscientizacao', 'sensibilizacao', 'campagnes de sensibilisation', 'sensibilisation du public'],
  // UNCAC art. 13 "participação da sociedade" / "participation de la société"
  citizen_participation: ['participacao da sociedade', 'participacao cidada', 'controle social', 'participation de la societe', 'participation citoyenne', 'societe civile', 'sociedade civil'],
  // UNCAC art. 7(3) financement des candidatures / financiamento das candidaturas
  political_financing: ['financiamento de partidos politicos', 'financiamento de campanhas', 'financiamento eleitoral', 'financement des partis politiques', 'financement des campagnes electorales', 'financement politique'],
  political_parties: ['partidos politicos', 'partis politiques'],
  electoral_body: ['justica eleitoral', 'tribunal eleitoral', 'autorite electorale', 'organe electoral', 'commission electorale'],
  // UNCAC art. 9 "passation des marchés publics" / "contratação pública"
  public_procurement: ['contratacao publica', 'contratacoes publicas', 'compras publicas', 'licitacao', 'licitacoes', 'passation des marches publics', 'marches publics', 'commande publique'],
  e_procurement: ['compras eletronicas', 'pregao eletronico', 'licitacao eletronica', 'passation electronique des marches', 'marches publics electroniques', 'plateforme d achats publics'],
  // Not the French "contrats ouverts": typo repair would turn the English "contracts" into it.
  open_contracting: ['contratacoes abertas', 'contratacao aberta', 'commande publique ouverte'],
  public_works: ['obras publicas', 'infraestrutura', 'travaux publics', 'infrastructures'],
  red_flags: ['sinais de alerta', 'bandeiras vermelhas', 'indicadores de risco', 'signaux d alerte', 'indicateurs de risque', 'drapeaux rouges'],
  // FATF: bénéficiaire effectif / beneficiário final
  beneficial_ownership: ['beneficiario final', 'beneficiarios finais', 'propriedade efetiva', 'beneficiaire effectif', 'beneficiaires effectifs', 'proprietaire effectif'],
  company_register: ['registro de empresas', 'junta comercial', 'registre du commerce', 'registre des societes'],
  // UNCAC chapter V "recouvrement d'avoirs" / "recuperação de ativos"
  asset_recovery: ['recuperacao de ativos', 'restituicao de ativos', 'recouvrement d avoirs', 'restitution des avoirs', 'recouvrement des avoirs'],
  confiscation: ['confisco', 'apreensao', 'bloqueio de bens', 'perdimento de bens', 'confiscation', 'saisie', 'gel des avoirs', 'embargo preventivo'],
  // UNCAC art. 46 "entraide judiciaire" / "assistência judicial recíproca"
  mutual_legal_assistance: ['assistencia judicial reciproca', 'cooperacao juridica internacional', 'auxilio juridico mutuo', 'entraide judiciaire', 'cooperation judiciaire internationale', 'extradicao', 'extradition'],
  // UNCAC art. 23 "blanchiment du produit du crime" / "lavagem de produto de delito"
  money_laundering: ['lavagem de dinheiro', 'lavagem de ativos', 'lavagem de produto de delito', 'blanchiment de capitaux', 'blanchiment d argent', 'blanchiment du produit du crime'],
  fiu: ['unidade de inteligencia financeira', 'conselho de controle de atividades financeiras', 'cellule de renseignement financier', 'unite de renseignement financier'],
  pep: ['pessoas politicamente expostas', 'pessoa politicamente exposta', 'personnes politiquement exposees', 'personne politiquement exposee'],
  // UNCAC art. 16 / IACC art. VIII "soborno transnacional"
  foreign_bribery: ['suborno transnacional', 'suborno de funcionarios publicos estrangeiros', 'corruption d agents publics etrangers', 'corruption transnationale'],
  bribery: ['suborno', 'propina', 'corrupcao ativa', 'corrupcao passiva', 'corruption active', 'corruption passive', 'pots de vin', 'trafic d influence', 'trafico de influencia'],
  corporate_liability: ['responsabilidade das pessoas juridicas', 'responsabilizacao de pessoas juridicas', 'lei anticorrupcao empresarial', 'responsabilite des personnes morales'],
  compliance: ['programa de integridade', 'programas de integridade', 'conformidade', 'programme de conformite', 'conformite anticorruption'],
  conflict_of_interest: ['conflito de interesses', 'conflitos de interesses', 'conflit d interets', 'conflits d interets'],
  asset_declarations: ['declaracao de bens', 'declaracoes de bens', 'declaracao patrimonial', 'declaration de patrimoine', 'declarations de patrimoine', 'declaration d avoirs'],
  lobbying: ['lobby', 'representacao de interesses', 'representants d interets', 'lobbying'],
  // UNCAC art. 8 "code de conduite des agents publics" / "código de conduta para funcionários públicos"
  public_integrity: ['integridade publica', 'codigo de conduta', 'codigo de etica', 'integrite publique', 'code de conduite', 'code de deontologie', 'deontologie'],
  civil_service: ['servico publico', 'servidores publicos', 'funcionarios publicos', 'fonction publique', 'agents publics', 'fonctionnaires'],
  // UNCAC art. 6 "organe de prévention de la corruption" / "órgão de prevenção"
  anticorruption_agency: ['orgao anticorrupcao', 'controladoria geral', 'agencia anticorrupcao', 'organe de prevention de la corruption', 'agence anticorruption', 'autorite anticorruption'],
  audit_institution: ['tribunal de contas', 'entidade fiscalizadora superior', 'cour des comptes', 'institution superieure de controle'],
  internal_control: ['controle interno', 'auditoria interna', 'controle interne', 'audit interne'],
  anticorruption_strategy: ['estrategia nacional anticorrupcao', 'plano anticorrupcao', 'politica anticorrupcao', 'strategie nationale de lutte contre la corruption', 'plan anticorruption', 'politique anticorruption'],
  statistics: ['estatisticas', 'indicadores', 'pesquisa', 'statistiques', 'indicateurs', 'enquete statistique'],
  gender: ['genero', 'igualdade de genero', 'mulheres', 'genre', 'egalite entre les femmes et les hommes', 'femmes'],
  vulnerable_groups: ['grupos vulneraveis', 'povos indigenas', 'groupes vulnerables', 'peuples autochtones'],
  migration: ['migracao', 'migrantes', 'migration', 'migrants'],
  customs: ['alfandega', 'aduana', 'douane', 'douanes'],
  freedom_expression: ['liberdade de expressao', 'liberdade de imprensa', 'jornalistas', 'liberte d expression', 'liberte de la presse', 'journalistes'],
  digital_government: ['governo digital', 'governo eletronico', 'administracao digital', 'gouvernement numerique', 'administration numerique', 'administration electronique'],
  fiscal_transparency: ['transparencia fiscal', 'orcamento aberto', 'orcamento publico', 'transparence budgetaire', 'budget ouvert', 'finances publiques'],
  health: ['saude', 'hospitais', 'medicamentos', 'sante', 'hopitaux', 'medicaments'],
  agriculture: ['agricultura', 'agriculture', 'rural'],
  labour: ['trabalho', 'inspecao do trabalho', 'travail', 'inspection du travail'],
  police: ['policia', 'police', 'forces de l ordre'],
  investigation: ['investigacao', 'investigacoes', 'inquerito', 'enquete', 'enquetes', 'investigation'],
  mesicic: ['mecanismo de acompanhamento', 'mecanisme de suivi', 'mesicic'],
  uncac: ['convencao das nacoes unidas contra a corrupcao', 'convention des nations unies contre la corruption', 'cnuccc', 'cnucc'],
  legislation: ['legislacao', 'projeto de lei', 'marco legal', 'reforma legal', 'legislation', 'projet de loi', 'cadre juridique', 'reforme legislative'],
  training: ['capacitacao', 'treinamento', 'formacao', 'formation', 'renforcement des capacites'],
  peer_exchange: ['intercambio de experiencias', 'troca de experiencias', 'cooperacao sul sul', 'echange d experiences', 'echange entre pairs', 'cooperation sud sud'],
  local_government: ['governo local', 'municipios', 'prefeituras', 'gouvernement local', 'collectivites locales', 'municipalites', 'communes'],
  sanctions: ['sancoes', 'penalidades', 'sanctions', 'peines'],
  analytics: ['analise de dados', 'mineracao de dados', 'analyse de donnees', 'exploration de donnees'],
};
