/**
 * A small bilingual glossary of anticorruption cooperation (English, Spanish, some Portuguese and French).
 * Each concept lists phrases that mean the same thing in the languages of the hemisphere; the text analyser
 * adds a concept token wherever one of its phrases occurs, so "protección de denunciantes" and
 * "whistleblower protection" share a term although they share no word. Phrases go through the same
 * folding, stop-word removal and stemming as the descriptions, so accents and plurals do not matter here.
 *
 * Written from the vocabulary of the Inter-American Convention against Corruption, UNCAC and the Lima
 * Commitment's section titles; it is configuration of the text model, not of any evaluation case.
 */
import { PT_FR_PHRASES } from './lexicon-pt-fr';

export interface Concept {
  id: string;
  /** English label used in explanations. */
  label: string;
  /** The same in Spanish, for the Spanish explanations. */
  labelEs: string;
  phrases: string[];
}

const BASE_CONCEPTS: readonly Concept[] = [
  {
    id: 'whistleblower',
    label: 'whistleblower protection',
    labelEs: 'protección de denunciantes',
    phrases: [
      'whistleblower', 'whistleblowers', 'whistle-blower', 'whistle-blowers', 'whistleblowing', 'reporting persons',
      'denunciante', 'denunciantes', 'alertador', 'alertadores', 'informante', 'informantes', 'lanceur d alerte',
      'lanceurs d alerte', 'protection of reporting persons', 'proteccion de denunciantes', 'protecao de denunciantes',
    ],
  },
  {
    id: 'reporting_channel',
    label: 'reporting channels',
    labelEs: 'canales de denuncia',
    phrases: [
      'reporting channel', 'reporting channels', 'hotline', 'hotlines', 'complaint mechanism', 'complaints mechanism',
      'canal de denuncia', 'canales de denuncia', 'linea de denuncia', 'sistema de denuncias', 'plataforma de denuncias',
      'denuncia anonima', 'denuncias anonimas', 'anonymous reporting', 'canal de denuncias', 'ouvidoria',
    ],
  },
  {
    id: 'retaliation',
    label: 'protection against retaliation',
    labelEs: 'protección contra represalias',
    phrases: ['retaliation', 'reprisal', 'reprisals', 'represalia', 'represalias', 'retaliacion', 'medidas de proteccion', 'protective measures'],
  },
  {
    id: 'access_information',
    label: 'access to information',
    labelEs: 'acceso a la información',
    phrases: [
      'access to information', 'access to public information', 'freedom of information', 'right to information', 'foia',
      'acceso a la informacion', 'acceso a la informacion publica', 'derecho de acceso a la informacion', 'transparencia pasiva',
      'solicitudes de informacion', 'information requests', 'acesso a informacao', 'lei de acesso a informacao', 'acces a l information',
      'information commissioner', 'consejo para la transparencia', 'organo garante',
    ],
  },
  {
    id: 'transparency',
    label: 'transparency',
    labelEs: 'transparencia',
    phrases: ['transparency', 'transparencia', 'transparent', 'transparente', 'transparentes', 'transparence', 'transparencia activa', 'proactive disclosure'],
  },
  {
    id: 'open_data',
    label: 'open data',
    labelEs: 'datos abiertos',
    phrases: [
      'open data', 'open government data', 'datos abiertos', 'dato abierto', 'dados abertos', 'donnees ouvertes', 'pida',
      'open data portal', 'portal de datos abiertos', 'open data program', 'programa interamericano de datos abiertos', 'open by default',
      'datos abiertos por defecto', 'machine-readable', 'formatos abiertos', 'open formats',
    ],
  },
  {
    id: 'open_government',
    label: 'open government',
    labelEs: 'gobierno abierto',
    phrases: ['open government', 'gobierno abierto', 'governo aberto', 'gouvernement ouvert', 'open government partnership', 'alianza para el gobierno abierto', 'ogp'],
  },
  {
    id: 'judicial_independence',
    label: 'judicial independence',
    labelEs: 'independencia judicial',
    phrases: [
      'judicial independence', 'independence of the judiciary', 'independent judiciary', 'judicial autonomy', 'independencia judicial',
      'autonomia judicial', 'independencia del poder judicial', 'independencia de los jueces', 'autonomia e independencia judicial',
      'independence of judges', 'independencia de la judicatura', 'independencia e imparcialidad',
    ],
  },
  {
    id: 'judicial_selection',
    label: 'selection and career of judges',
    labelEs: 'selección y carrera judicial',
    phrases: [
      'judicial appointments', 'appointment of judges', 'selection of judges', 'judicial selection', 'judicial career', 'judicial council',
      'judicial councils', 'seleccion de jueces', 'nombramiento de jueces', 'designacion de jueces', 'carrera judicial', 'consejo de la magistratura',
      'consejo de la judicatura', 'junta nacional de justicia', 'concursos publicos de jueces', 'evaluacion del desempeno judicial', 'judicial performance evaluation',
    ],
  },
  {
    id: 'judiciary',
    label: 'the judiciary',
    labelEs: 'poder judicial',
    phrases: [
      'judiciary', 'judicial branch', 'poder judicial', 'organo judicial', 'organismo judicial', 'rama judicial', 'courts', 'court', 'tribunales',
      'judges', 'jueces', 'juezas', 'magistrados', 'magistrates', 'judicial integrity', 'integridad judicial', 'judicial system', 'sistema judicial',
      'sistema de justicia', 'justice system', 'administracion de justicia', 'administration of justice', 'juzgados', 'access to justice', 'acceso a la justicia',
    ],
  },
  {
    id: 'prosecution',
    label: 'prosecution services',
    labelEs: 'ministerio público',
    phrases: [
      'prosecutor', 'prosecutors', 'public prosecutor', 'prosecution service', 'prosecution services', 'attorney general', 'fiscalia', 'fiscalias',
      'ministerio publico', 'ministerio fiscal', 'procuraduria', 'specialized anticorruption prosecutor', 'fiscalia anticorrupcion',
      'fiscalia especializada', 'procuradoria', 'ministerio publico federal',
    ],
  },
  {
    id: 'civic_education',
    label: 'civic education',
    labelEs: 'educación cívica',
    phrases: [
      'civic education', 'citizenship education', 'education for democracy', 'educacion civica', 'formacion ciudadana', 'educacion ciudadana',
      'educacion para la ciudadania', 'educacion para la democracia', 'values education', 'educacion en valores', 'democratic values',
      'valores democraticos', 'culture of integrity', 'cultura de la legalidad', 'cultura de integridad', 'cultura de la integridad', 'educacao civica',
      'education civique', 'civic culture', 'cultura civica', 'inter-american education agenda', 'agenda educativa interamericana',
    ],
  },
  {
    id: 'schools',
    label: 'schools and teachers',
    labelEs: 'escuelas y docentes',
    phrases: [
      'school', 'schools', 'escuela', 'escuelas', 'colegio', 'colegios', 'teachers', 'teacher', 'docentes', 'docente', 'maestros', 'profesores',
      'students', 'estudiantes', 'alumnos', 'curriculum', 'curricula', 'curricular', 'malla curricular', 'plan de estudios', 'escolas', 'ecoles',
      'youth', 'jovenes', 'juventud', 'ministry of education', 'ministerio de educacion', 'secondary education', 'educacion secundaria',
    ],
  },
  {
    id: 'awareness',
    label: 'public awareness',
    labelEs: 'sensibilización ciudadana',
    phrases: [
      'awareness', 'awareness campaign', 'awareness campaigns', 'public awareness', 'awareness-raising', 'sensibilizacion', 'concientizacion',
      'concienciacion', 'campana de sensibilizacion', 'campanas de sensibilizacion', 'campanas de concientizacion', 'communication campaign',
      'campana de comunicacion', 'campanas de comunicacion', 'conscientizacao', 'sensibilisation',
    ],
  },
  {
    id: 'citizen_participation',
    label: 'citizen participation and social oversight',
    labelEs: 'participación ciudadana y control social',
    phrases: [
      'citizen participation', 'public participation', 'participacion ciudadana', 'participacao social', 'participacao cidada', 'civil society',
      'sociedad civil', 'sociedade civil', 'social oversight', 'citizen oversight', 'control social', 'controle social', 'veeduria', 'veedurias',
      'veeduria ciudadana', 'veedurias ciudadanas', 'social audit', 'social audits', 'auditoria social', 'auditorias sociales', 'contraloria social',
      'watchdogs', 'watchdog', 'citizen monitoring', 'monitoreo ciudadano', 'observatorio ciudadano', 'community monitoring',
    ],
  },
  {
    id: 'political_financing',
    label: 'political and campaign financing',
    labelEs: 'financiamiento político y de campañas',
    phrases: [
      'political financing', 'political finance', 'campaign finance', 'campaign financing', 'election campaign financing', 'financing of political organizations',
      'party financing', 'party funding', 'political party financing', 'financiamiento politico', 'financiamiento de campanas', 'financiamiento de partidos',
      'financiamiento de las campanas', 'financiamiento de organizaciones politicas', 'financiacion politica', 'financiacion de partidos', 'financiamento de campanhas',
      'financiamento partidario', 'financement politique', 'aportes de campana', 'aportes privados', 'aportes politicos', 'contribuciones politicas',
      'political contributions', 'political donations', 'donaciones politicas', 'campaign contributions', 'campaign spending', 'gasto de campana', 'gastos de campana',
      'rendicion de cuentas de campana', 'campaign accounts', 'dinero en politica', 'money in politics',
    ],
  },
  {
    id: 'political_parties',
    label: 'political parties',
    labelEs: 'partidos políticos',
    phrases: ['political parties', 'political party', 'partidos politicos', 'partido politico', 'organizaciones politicas', 'political organizations', 'partis politiques'],
  },
  {
    id: 'electoral_body',
    label: 'electoral authorities',
    labelEs: 'autoridades electorales',
    phrases: [
      'electoral body', 'electoral bodies', 'electoral management body', 'electoral authority', 'electoral authorities', 'electoral tribunal',
      'electoral court', 'electoral commission', 'tribunal electoral', 'tribunal supremo electoral', 'organismo electoral', 'organismos electorales',
      'autoridad electoral', 'autoridades electorales', 'jurado nacional de elecciones', 'oficina nacional de procesos electorales', 'comision electoral',
      'consejo nacional electoral', 'junta central electoral', 'instituto nacional electoral', 'servicio electoral', 'tribunal superior eleitoral',
      'justicia electoral', 'electoral justice', 'elections', 'election', 'elecciones', 'eleicoes', 'electoral observation', 'observacion electoral',
    ],
  },
  {
    id: 'public_procurement',
    label: 'public procurement',
    labelEs: 'contrataciones públicas',
    phrases: [
      'public procurement', 'government procurement', 'procurement', 'public purchasing', 'public contracting', 'contratacion publica',
      'contrataciones publicas', 'contratacion estatal', 'contrataciones del estado', 'compras publicas', 'compras estatales', 'compras del estado',
      'compras gubernamentales', 'adquisiciones publicas', 'adquisiciones del estado', 'compras governamentais', 'contratacoes publicas', 'licitacoes',
      'marches publics', 'licitacion', 'licitaciones', 'licitacion publica', 'tender', 'tenders', 'tendering', 'public tenders', 'bidding', 'procurement agency',
      'procurement regulator', 'ente rector de contrataciones', 'procurement law', 'ley de contrataciones',
    ],
  },
  {
    id: 'e_procurement',
    label: 'electronic procurement',
    labelEs: 'contratación electrónica',
    phrases: [
      'e-procurement', 'electronic procurement', 'electronic government procurement', 'e-gp', 'egp', 'compras electronicas', 'contratacion electronica',
      'contrataciones electronicas', 'plataforma de compras', 'plataforma transaccional', 'sistema electronico de contrataciones', 'secop', 'compranet',
      'chilecompra', 'mercado publico', 'pregao eletronico', 'comprasnet', 'compras gob', 'marketplace', 'electronic reverse auctions', 'subasta inversa',
    ],
  },
  {
    id: 'open_contracting',
    label: 'open contracting',
    labelEs: 'contrataciones abiertas',
    phrases: ['open contracting', 'open contracting data standard', 'ocds', 'contratacion abierta', 'contrataciones abiertas', 'contratos abiertos', 'estandar de datos de contrataciones abiertas'],
  },
  {
    id: 'public_works',
    label: 'public works and infrastructure',
    labelEs: 'obras públicas e infraestructura',
    phrases: [
      'public works', 'obras publicas', 'obra publica', 'obras', 'infrastructure', 'infraestructura', 'infraestrutura', 'construction', 'construccion',
      'cost infrastructure transparency initiative', 'infrastructure transparency', 'transparencia en infraestructura', 'public investment projects',
      'proyectos de inversion publica', 'mapainversiones', 'road', 'roads', 'carreteras', 'megaprojects', 'megaproyectos',
    ],
  },
  {
    id: 'red_flags',
    label: 'risk indicators and red flags',
    labelEs: 'indicadores de riesgo y señales de alerta',
    phrases: [
      'red flags', 'red flag', 'banderas rojas', 'bandera roja', 'risk indicators', 'indicadores de riesgo', 'alertas tempranas', 'alerta temprana',
      'early warning', 'early warnings', 'risk analytics', 'analitica de riesgos', 'risk scoring', 'bid rigging', 'collusion', 'colusion', 'cartels',
      'carteles', 'colusion en licitaciones', 'fraud detection', 'deteccion de fraude', 'anomalias', 'anomalies',
    ],
  },
  {
    id: 'beneficial_ownership',
    label: 'beneficial ownership',
    labelEs: 'beneficiario final',
    phrases: [
      'beneficial ownership', 'beneficial owner', 'beneficial owners', 'beneficiario final', 'beneficiarios finales', 'beneficiario efectivo',
      'beneficiarios efectivos', 'beneficiario real', 'beneficiarios reales', 'propietario beneficiario', 'propietarios beneficiarios', 'ultimate beneficial owner',
      'ultimate owners', 'beneficiario final de personas juridicas', 'beneficiario final registry', 'beneficial ownership register', 'beneficial ownership registry',
      'registro de beneficiarios finales', 'registro de beneficiario final', 'beneficiario efetivo', 'beneficiarios efetivos', 'proprietaire effectif', 'beneficiaire effectif',
    ],
  },
  {
    id: 'company_register',
    label: 'company registers',
    labelEs: 'registros de empresas',
    phrases: [
      'company register', 'company registry', 'companies registry', 'corporate registry', 'business registry', 'registro mercantil', 'registro de empresas',
      'registro publico de comercio', 'registro de sociedades', 'shell companies', 'shell company', 'empresas de papel', 'empresas fachada', 'sociedades de fachada',
      'empresas fantasma', 'sociedades pantalla', 'express trusts', 'fideicomisos', 'legal arrangements', 'estructuras juridicas', 'corporate vehicles', 'vehiculos corporativos',
    ],
  },
  {
    id: 'asset_recovery',
    label: 'asset recovery',
    labelEs: 'recuperación de activos',
    phrases: [
      'asset recovery', 'recovery of assets', 'recover assets', 'recovering stolen assets', 'stolen assets', 'stolen asset recovery', 'star initiative',
      'recuperacion de activos', 'recuperar activos', 'activos robados', 'recuperacao de ativos', 'recouvrement des avoirs', 'repatriation of assets',
      'repatriacion de activos', 'return of assets', 'devolucion de activos', 'restitucion de activos', 'proceeds of corruption', 'producto de la corrupcion',
      'activos de origen ilicito', 'illicit assets', 'bienes de origen ilicito',
    ],
  },
  {
    id: 'confiscation',
    label: 'confiscation and forfeiture',
    labelEs: 'decomiso y extinción de dominio',
    phrases: [
      'confiscation', 'confiscacion', 'forfeiture', 'decomiso', 'decomisos', 'extincion de dominio', 'perdida de dominio', 'non-conviction based forfeiture',
      'non-conviction-based forfeiture', 'non-conviction based confiscation', 'non-conviction-based confiscation', 'decomiso sin condena', 'civil forfeiture',
      'asset forfeiture', 'incautacion', 'incautaciones', 'seizure', 'seizures', 'embargo preventivo', 'asset freezing', 'freezing', 'congelamiento',
      'inmovilizacion', 'bienes incautados', 'seized assets', 'asset management office', 'administracion de bienes incautados', 'perdimento de bens',
    ],
  },
  {
    id: 'mutual_legal_assistance',
    label: 'mutual legal assistance',
    labelEs: 'asistencia judicial recíproca',
    phrases: [
      'mutual legal assistance', 'mla', 'mlat', 'mlats', 'asistencia judicial reciproca', 'asistencia juridica mutua', 'asistencia legal mutua',
      'asistencia juridica reciproca', 'asistencia mutua en materia penal', 'mutual assistance in criminal matters', 'cooperacion judicial internacional',
      'cooperacion juridica internacional', 'international legal cooperation', 'international judicial cooperation', 'cooperacao juridica internacional',
      'entraide judiciaire', 'letters rogatory', 'exhortos', 'cartas rogatorias', 'extradition', 'extradicion', 'extradicao', 'central authority',
      'central authorities', 'autoridad central', 'autoridades centrales', 'autoridade central', 'cooperacion internacional en materia penal', 'international cooperation in criminal matters', 'joint investigation teams', 'equipos conjuntos de investigacion',
      'red de cooperacion juridica', 'groove',
    ],
  },
  {
    id: 'money_laundering',
    label: 'anti-money laundering',
    labelEs: 'prevención del lavado de activos',
    phrases: [
      'money laundering', 'anti-money laundering', 'aml', 'aml cft', 'lavado de activos', 'lavado de dinero', 'blanqueo de capitales', 'blanqueo de dinero',
      'lavagem de dinheiro', 'branqueamento de capitais', 'blanchiment', 'blanchiment d argent', 'antilavado', 'prevencion del lavado', 'laundering',
      'financiamiento del terrorismo', 'terrorist financing', 'gafilat', 'fatf', 'gafi', 'mutual evaluation', 'evaluacion mutua',
    ],
  },
  {
    id: 'fiu',
    label: 'financial intelligence',
    labelEs: 'inteligencia financiera',
    phrases: [
      'financial intelligence unit', 'financial intelligence units', 'financial intelligence', 'fiu', 'fius', 'unidad de inteligencia financiera',
      'unidades de inteligencia financiera', 'inteligencia financiera', 'uif', 'uaf', 'unidad de analisis financiero', 'coaf', 'suspicious transaction reports',
      'suspicious transaction report', 'suspicious activity reports', 'reportes de operaciones sospechosas', 'reporte de operaciones sospechosas',
      'operaciones sospechosas', 'suspicious transactions', 'ros', 'egmont',
    ],
  },
  {
    id: 'pep',
    label: 'politically exposed persons',
    labelEs: 'personas expuestas políticamente',
    phrases: ['politically exposed persons', 'politically exposed person', 'peps', 'pep', 'personas expuestas politicamente', 'persona expuesta politicamente', 'personas politicamente expuestas', 'pessoas politicamente expostas'],
  },
  {
    id: 'foreign_bribery',
    label: 'foreign bribery',
    labelEs: 'soborno transnacional',
    phrases: [
      'foreign bribery', 'bribery of foreign public officials', 'bribery of foreign officials', 'transnational bribery', 'international bribery',
      'soborno transnacional', 'soborno internacional', 'cohecho internacional', 'cohecho transnacional', 'soborno de funcionarios publicos extranjeros',
      'cohecho de funcionarios publicos extranjeros', 'anti-bribery convention', 'convencion anticohecho', 'convencion para combatir el cohecho', 'fcpa',
      'suborno transnacional', 'corrupcion transnacional', 'working group on bribery', 'grupo de trabajo sobre cohecho', 'foreign corrupt practices',
    ],
  },
  {
    id: 'bribery',
    label: 'bribery',
    labelEs: 'soborno',
    phrases: ['bribery', 'bribe', 'bribes', 'soborno', 'sobornos', 'cohecho', 'coima', 'coimas', 'suborno', 'kickbacks', 'kickback', 'dadivas', 'corruption offences', 'delitos de corrupcion'],
  },
  {
    id: 'corporate_liability',
    label: 'liability of legal persons',
    labelEs: 'responsabilidad de las personas jurídicas',
    phrases: [
      'liability of legal persons', 'corporate liability', 'corporate criminal liability', 'criminal liability of legal persons', 'legal persons',
      'responsabilidad de las personas juridicas', 'responsabilidad penal de las personas juridicas', 'responsabilidad penal empresarial',
      'responsabilidad administrativa de las personas juridicas', 'personas juridicas', 'persona juridica', 'responsabilizacao de pessoas juridicas',
      'pessoas juridicas', 'lei anticorrupcao', 'clean company act', 'leniency agreements', 'leniency agreement', 'leniency', 'acuerdos de lenidad',
      'acuerdo de lenidad', 'acordos de leniencia', 'acordo de leniencia', 'deferred prosecution agreements', 'acuerdos de colaboracion eficaz',
      'colaboracion eficaz', 'negotiated resolutions', 'resoluciones negociadas',
    ],
  },
  {
    id: 'compliance',
    label: 'corporate compliance and integrity',
    labelEs: 'cumplimiento e integridad empresarial',
    phrases: [
      'compliance', 'compliance programs', 'compliance programmes', 'programas de cumplimiento', 'programa de cumplimiento', 'programas de integridad',
      'programa de integridad', 'programas de integridade', 'corporate integrity', 'business integrity', 'integridad empresarial', 'integridad corporativa',
      'private sector', 'sector privado', 'setor privado', 'companies', 'empresas', 'business', 'modelos de prevencion', 'modelo de prevencion de delitos',
      'oficial de cumplimiento', 'compliance officer', 'due diligence', 'debida diligencia', 'smes', 'pymes',
    ],
  },
  {
    id: 'conflict_of_interest',
    label: 'conflicts of interest',
    labelEs: 'conflictos de intereses',
    phrases: [
      'conflict of interest', 'conflicts of interest', 'conflicto de intereses', 'conflictos de intereses', 'conflicto de interes', 'conflictos de interes',
      'conflito de interesses', 'conflits d interets', 'revolving door', 'puerta giratoria', 'puertas giratorias', 'incompatibilidades', 'incompatibilities',
      'post-employment restrictions', 'restricciones post empleo',
    ],
  },
  {
    id: 'asset_declarations',
    label: 'asset and interest declarations',
    labelEs: 'declaraciones de bienes e intereses',
    phrases: [
      'asset declarations', 'asset declaration', 'asset disclosure', 'asset disclosures', 'income and asset disclosure', 'financial disclosure',
      'financial disclosures', 'declaration of interests', 'declarations of interests', 'interest declarations', 'declaraciones juradas', 'declaracion jurada',
      'declaraciones patrimoniales', 'declaracion patrimonial', 'declaraciones de bienes', 'declaracion de bienes', 'declaracion de bienes y rentas',
      'declaraciones de intereses', 'declaracion de intereses', 'declaracion de patrimonio', 'declaraciones de patrimonio', 'declaracoes de bens',
      'declaracao de bens', 'declarations de patrimoine', 'illicit enrichment', 'enriquecimiento ilicito', 'enriquecimento ilicito', 'verificacion patrimonial',
      'lifestyle checks', 'plataforma digital nacional',
    ],
  },
  {
    id: 'lobbying',
    label: 'lobbying regulation',
    labelEs: 'regulación del cabildeo',
    phrases: ['lobbying', 'lobby', 'lobbyists', 'cabildeo', 'cabilderos', 'gestion de intereses', 'gestores de intereses', 'registro de lobby', 'lobby register', 'ley del lobby', 'registro de cabilderos', 'agendas publicas', 'public agendas'],
  },
  {
    id: 'public_integrity',
    label: 'public integrity and ethics',
    labelEs: 'integridad y ética pública',
    phrases: [
      'public integrity', 'integridad publica', 'integrity', 'integridad', 'integridade', 'integrite', 'ethics', 'etica', 'ethique', 'public ethics',
      'etica publica', 'codes of conduct', 'code of conduct', 'codigo de etica', 'codigos de etica', 'codigo de conducta', 'codigos de conducta',
      'integrity system', 'sistema de integridad', 'integrity framework', 'marco de integridad', 'ethics commission', 'comision de etica',
      'integrity officers', 'oficiales de integridad', 'integrity units', 'unidades de integridad', 'ethical conduct', 'conducta etica',
    ],
  },
  {
    id: 'civil_service',
    label: 'merit-based civil service',
    labelEs: 'servicio civil basado en el mérito',
    phrases: [
      'civil service', 'servicio civil', 'merit-based', 'merit based', 'merit system', 'meritocracia', 'meritocracy', 'merito', 'carrera administrativa',
      'public employment', 'empleo publico', 'recruitment', 'reclutamiento', 'seleccion por merito', 'concursos publicos', 'human resources management',
      'gestion de recursos humanos', 'public servants', 'servidores publicos', 'funcionarios publicos', 'public officials', 'servidores publicos',
    ],
  },
  {
    id: 'anticorruption_agency',
    label: 'anticorruption bodies',
    labelEs: 'órganos anticorrupción',
    phrases: [
      'anticorruption agency', 'anti-corruption agency', 'anticorruption agencies', 'anti-corruption agencies', 'anticorruption body', 'anti-corruption body',
      'anticorruption bodies', 'anti-corruption commission', 'anticorruption commission', 'integrity commission', 'comision anticorrupcion',
      'oficina anticorrupcion', 'secretaria anticorrupcion', 'secretaria de transparencia', 'agencia anticorrupcion', 'organo anticorrupcion',
      'organismo anticorrupcion', 'comision de integridad', 'comision nacional anticorrupcion', 'sistema nacional anticorrupcion', 'national anticorruption system',
      'comisionado anticorrupcion', 'commission for the prevention of corruption', 'comision para la prevencion de la corrupcion', 'autoridad nacional de transparencia',
      'controladoria geral da uniao', 'cgu',
    ],
  },
  {
    id: 'audit_institution',
    label: 'external audit',
    labelEs: 'auditoría externa',
    phrases: [
      'supreme audit institution', 'supreme audit institutions', 'contraloria general', 'contraloria', 'contralorias', 'comptroller general', 'comptroller',
      'auditor general', 'tribunal de contas', 'tribunal de cuentas', 'external audit', 'external control', 'auditoria externa', 'control externo',
      'audit office', 'cour des comptes', 'auditoria gubernamental', 'government audit', 'olacefs', 'intosai', 'fiscalizacion superior', 'entidades fiscalizadoras',
    ],
  },
  {
    id: 'internal_control',
    label: 'internal control and risk management',
    labelEs: 'control interno y gestión de riesgos',
    phrases: [
      'internal control', 'internal controls', 'control interno', 'controle interno', 'internal audit', 'auditoria interna', 'risk management',
      'gestion de riesgos', 'gestion de riesgo', 'mapas de riesgo', 'mapa de riesgos', 'risk maps', 'corruption risk assessment', 'corruption risk assessments',
      'evaluacion de riesgos de corrupcion', 'evaluaciones de riesgo', 'risk assessment', 'risk assessments', 'evaluacion de riesgos', 'corruption risks',
      'riesgos de corrupcion', 'gestao de riscos',
    ],
  },
  {
    id: 'anticorruption_strategy',
    label: 'anticorruption strategies and plans',
    labelEs: 'estrategias y planes anticorrupción',
    phrases: [
      'national anticorruption strategy', 'national anti-corruption strategy', 'anticorruption strategy', 'anti-corruption strategy', 'anticorruption policy',
      'anti-corruption policy', 'national anticorruption policy', 'estrategia nacional anticorrupcion', 'estrategia anticorrupcion', 'plan nacional de integridad',
      'plan nacional anticorrupcion', 'politica nacional anticorrupcion', 'politica nacional de integridad', 'politica anticorrupcion', 'politica de integridad',
      'anticorruption plan', 'anti-corruption plan', 'plan anticorrupcion', 'action plan', 'action plans', 'plan de accion', 'planes de accion',
      'estrategia nacional', 'national strategy', 'plano de integridade', 'estrategia nacional de combate',
    ],
  },
  {
    id: 'statistics',
    label: 'measurement and statistics',
    labelEs: 'medición y estadísticas',
    phrases: [
      'statistics', 'estadisticas', 'estadistica', 'survey', 'surveys', 'encuesta', 'encuestas', 'indicators', 'indicadores', 'measurement', 'medicion',
      'measuring corruption', 'medicion de la corrupcion', 'data collection', 'recoleccion de datos', 'recopilacion de datos', 'data analysis', 'analisis de datos',
      'victimization survey', 'encuesta de victimizacion', 'household survey', 'baseline', 'linea de base', 'diagnostico', 'diagnostic', 'research', 'investigacion aplicada',
      'statistical', 'estadistico', 'inquerito', 'pesquisa',
    ],
  },
  {
    id: 'gender',
    label: 'gender and corruption',
    labelEs: 'género y corrupción',
    phrases: [
      'gender', 'genero', 'women', 'mujeres', 'mulheres', 'femmes', 'gender equality', 'igualdad de genero', 'gender perspective', 'perspectiva de genero',
      'enfoque de genero', 'gender approach', 'sextortion', 'sextorsion', 'sextorcao', 'women s leadership', 'liderazgo de las mujeres', 'gender-sensitive',
      'gender differentiated impacts', 'impactos diferenciados',
    ],
  },
  {
    id: 'vulnerable_groups',
    label: 'vulnerable groups',
    labelEs: 'grupos en situación de vulnerabilidad',
    phrases: [
      'vulnerable groups', 'grupos vulnerables', 'grupos en situacion de vulnerabilidad', 'vulnerable populations', 'poblaciones vulnerables',
      'indigenous peoples', 'indigenous', 'pueblos indigenas', 'indigenas', 'comunidades indigenas', 'povos indigenas', 'afro-descendants', 'afrodescendants',
      'afrodescendientes', 'persons with disabilities', 'personas con discapacidad', 'rural communities', 'comunidades rurales',
    ],
  },
  {
    id: 'migration',
    label: 'migration and border management',
    labelEs: 'migración y gestión de fronteras',
    phrases: [
      'migration', 'migracion', 'migracao', 'migrants', 'migrantes', 'border management', 'gestion de fronteras', 'gestion fronteriza', 'control migratorio',
      'immigration', 'inmigracion', 'border', 'borders', 'frontera', 'fronteras', 'passport', 'pasaportes', 'visas', 'trafficking in persons',
      'trata de personas', 'migrant smuggling', 'trafico de migrantes',
    ],
  },
  {
    id: 'customs',
    label: 'customs',
    labelEs: 'aduanas',
    phrases: ['customs', 'aduana', 'aduanas', 'alfandega', 'douanes', 'customs administration', 'administracion aduanera', 'trade facilitation', 'facilitacion del comercio', 'ports', 'puertos'],
  },
  {
    id: 'freedom_expression',
    label: 'freedom of expression and journalism',
    labelEs: 'libertad de expresión y periodismo',
    phrases: [
      'freedom of expression', 'libertad de expresion', 'liberdade de expressao', 'journalists', 'journalist', 'periodistas', 'periodista', 'jornalistas',
      'investigative journalism', 'periodismo de investigacion', 'periodismo investigativo', 'press freedom', 'libertad de prensa', 'news media', 'medios de comunicacion',
      'human rights defenders', 'defensores de derechos humanos', 'freedom of the press',
    ],
  },
  {
    id: 'digital_government',
    label: 'digital government',
    labelEs: 'gobierno digital',
    phrases: [
      'digital government', 'gobierno digital', 'governo digital', 'e-government', 'egovernment', 'gobierno electronico', 'governo eletronico',
      'digital transformation', 'transformacion digital', 'transformacao digital', 'interoperability', 'interoperabilidad', 'interoperabilidade',
      'digital platforms', 'plataformas digitales', 'digital services', 'servicios digitales', 'digital identity', 'identidad digital',
      'simplification of procedures', 'administrative simplification', 'simplificacion administrativa', 'simplificacion de tramites', 'tramites',
      'red tape', 'one-stop shop', 'ventanilla unica', 'digitalization', 'digitalizacion',
    ],
  },
  {
    id: 'fiscal_transparency',
    label: 'fiscal and budget transparency',
    labelEs: 'transparencia fiscal y presupuestaria',
    phrases: [
      'fiscal transparency', 'transparencia fiscal', 'budget transparency', 'transparencia presupuestaria', 'budget', 'budgets', 'presupuesto',
      'presupuestos', 'orcamento', 'public spending', 'gasto publico', 'public expenditure', 'public finance', 'public finances', 'finanzas publicas',
      'public financial management', 'gestion financiera publica', 'public investment', 'inversion publica', 'participatory budgeting', 'presupuesto participativo',
      'tax', 'taxes', 'impuestos', 'tributaria', 'tax administration', 'administracion tributaria', 'tax transparency', 'transparencia tributaria',
    ],
  },
  {
    id: 'health',
    label: 'health sector',
    labelEs: 'sector salud',
    phrases: [
      'health', 'salud', 'saude', 'sante', 'medicines', 'medicamentos', 'hospitals', 'hospitales', 'health sector', 'sector salud', 'pharmaceutical',
      'pharmaceuticals', 'farmaceutico', 'farmaceuticos', 'vaccines', 'vacunas', 'medical supplies', 'insumos medicos', 'health procurement', 'compras de salud',
      'public health', 'salud publica',
    ],
  },
  {
    id: 'agriculture',
    label: 'agriculture and rural programmes',
    labelEs: 'agricultura y programas rurales',
    phrases: ['agriculture', 'agricultura', 'agricultural', 'agricola', 'agropecuario', 'subsidies', 'subsidios', 'subsidy', 'farmers', 'agricultores', 'productores rurales', 'rural development', 'desarrollo rural', 'land titling', 'titulacion de tierras'],
  },
  {
    id: 'labour',
    label: 'labour administration',
    labelEs: 'administración del trabajo',
    phrases: ['labour', 'labor', 'trabajo', 'labour inspection', 'labor inspection', 'inspeccion del trabajo', 'inspeccion laboral', 'labour inspectors', 'inspectores de trabajo', 'ministerio de trabajo', 'ministry of labour', 'informal employment', 'empleo informal'],
  },
  {
    id: 'police',
    label: 'police and law enforcement',
    labelEs: 'policía y fuerzas del orden',
    phrases: [
      'police', 'policia', 'policias', 'policia nacional', 'national police', 'law enforcement', 'fuerzas del orden', 'fuerzas de seguridad', 'security forces',
      'internal affairs', 'asuntos internos', 'police integrity', 'integridad policial', 'policial',
    ],
  },
  {
    id: 'investigation',
    label: 'criminal and financial investigation',
    labelEs: 'investigación penal y financiera',
    phrases: [
      'investigation', 'investigations', 'investigacion', 'investigaciones', 'investigacao', 'criminal investigation', 'investigacion penal', 'investigacion criminal',
      'financial investigation', 'financial investigations', 'investigacion financiera', 'investigaciones financieras', 'investigaciones patrimoniales',
      'parallel financial investigations', 'forensic accounting', 'contabilidad forense', 'auditoria forense', 'forensic audit', 'special investigative techniques',
      'tecnicas especiales de investigacion', 'investigative techniques', 'tecnicas de investigacion', 'case management', 'gestion de casos', 'litigation', 'litigio', 'prosecution of corruption',
    ],
  },
  {
    id: 'mesicic',
    label: 'MESICIC and the Inter-American Convention',
    labelEs: 'el MESICIC y la Convención Interamericana',
    phrases: [
      'mesicic', 'inter-american convention against corruption', 'convencion interamericana contra la corrupcion', 'iacac', 'iacc', 'cicc',
      'convencao interamericana contra a corrupcao', 'follow-up mechanism', 'mecanismo de seguimiento', 'committee of experts', 'comite de expertos',
      'recomendaciones del mesicic', 'mesicic recommendations', 'country report', 'informe de pais',
    ],
  },
  {
    id: 'uncac',
    label: 'UNCAC review',
    labelEs: 'examen de la CNUCC',
    phrases: [
      'uncac', 'united nations convention against corruption', 'convencion de las naciones unidas contra la corrupcion', 'cnucc', 'unodc',
      'implementation review mechanism', 'mecanismo de examen de la aplicacion', 'self-assessment checklist', 'lista de verificacion para la autoevaluacion',
    ],
  },
  {
    id: 'legislation',
    label: 'legislation',
    labelEs: 'legislación',
    phrases: [
      'legislation', 'legislacion', 'legislacao', 'legislative', 'legislativo', 'legislativa', 'law', 'laws', 'ley', 'leyes', 'lei', 'leis', 'loi', 'lois',
      'bill', 'bills', 'proyecto de ley', 'proyectos de ley', 'anteproyecto', 'anteproyecto de ley', 'draft law', 'draft bill', 'draft legislation',
      'legal framework', 'marco legal', 'marco juridico', 'marco normativo', 'regulatory framework', 'model law', 'ley modelo', 'legislative reform',
      'reforma legal', 'reforma legislativa', 'reformas legales', 'statute', 'statutes', 'reglamento', 'reglamentacion', 'regulations', 'regulation',
      'regulacion', 'normativa', 'drafting', 'redaccion', 'legislative drafting', 'tecnica legislativa', 'parliament', 'congreso', 'congress', 'asamblea legislativa',
    ],
  },
  {
    id: 'training',
    label: 'training and capacity-building',
    labelEs: 'capacitación y fortalecimiento de capacidades',
    phrases: [
      'training', 'trainings', 'capacitacion', 'capacitaciones', 'capacitar', 'capacity building', 'capacity-building', 'fortalecimiento de capacidades',
      'desarrollo de capacidades', 'workshop', 'workshops', 'taller', 'talleres', 'course', 'courses', 'curso', 'cursos', 'train the trainers',
      'training of trainers', 'formacion de formadores', 'formacion', 'capacitacao', 'treinamento', 'e-learning', 'elearning', 'diplomado',
      'online course', 'curso virtual', 'cursos virtuales', 'curso en linea', 'seminars', 'seminarios', 'bootcamp', 'mentoring', 'mentoria', 'coaching',
      'certification', 'certificacion',
    ],
  },
  {
    id: 'peer_exchange',
    label: 'peer exchange',
    labelEs: 'intercambio entre pares',
    phrases: [
      'peer exchange', 'peer exchanges', 'peer learning', 'peer-to-peer', 'intercambio de experiencias', 'intercambio entre pares', 'intercambio de buenas practicas',
      'exchange of experiences', 'exchange of good practices', 'south-south cooperation', 'south-south', 'cooperacion sur-sur', 'cooperacion sur sur',
      'cooperacao sul-sul', 'triangular cooperation', 'cooperacion triangular', 'study visit', 'study visits', 'visita de estudio', 'visitas de estudio',
      'pasantia', 'pasantias', 'internship', 'secondment', 'twinning', 'hermanamiento', 'good practices', 'buenas practicas', 'boas praticas', 'lessons learned',
      'lecciones aprendidas',
    ],
  },
  {
    id: 'local_government',
    label: 'local and subnational governments',
    labelEs: 'gobiernos locales y subnacionales',
    phrases: [
      'local government', 'local governments', 'gobiernos locales', 'gobierno local', 'governos locais', 'municipalities', 'municipality', 'municipios',
      'municipio', 'municipal', 'municipales', 'municipalidades', 'alcaldias', 'prefeituras', 'subnational', 'sub-national', 'subnacional', 'subnacionales',
      'gobiernos subnacionales', 'regional governments', 'gobiernos regionales', 'provincial', 'provincias', 'states and municipalities',
    ],
  },
  {
    id: 'sanctions',
    label: 'administrative and disciplinary sanctions',
    labelEs: 'sanciones administrativas y disciplinarias',
    phrases: [
      'administrative sanctions', 'sanciones administrativas', 'disciplinary', 'disciplinario', 'disciplinarios', 'regimen disciplinario', 'disciplinary proceedings',
      'procedimientos disciplinarios', 'debarment', 'inhabilitacion', 'inhabilitaciones', 'sanctions', 'sanciones', 'sancion', 'sanctioning', 'sancionador',
      'procedimiento administrativo sancionador', 'administrative liability', 'responsabilidad administrativa',
    ],
  },
  {
    id: 'analytics',
    label: 'data analytics and AI',
    labelEs: 'analítica de datos e IA',
    phrases: [
      'artificial intelligence', 'inteligencia artificial', 'machine learning', 'aprendizaje automatico', 'data analytics', 'analitica de datos', 'big data',
      'data science', 'ciencia de datos', 'algorithms', 'algoritmos', 'dashboards', 'tableros', 'tablero de control', 'data visualization', 'visualizacion de datos',
      'data mining', 'mineria de datos', 'cross-referencing databases', 'cruce de bases de datos', 'cruce de informacion', 'data matching',
    ],
  },
];

/** The concepts with their Portuguese and French phrases from the conventions' official texts (lexicon-pt-fr.ts). */
export const CONCEPTS: readonly Concept[] = BASE_CONCEPTS.map((c) => ({ ...c, phrases: [...c.phrases, ...(PT_FR_PHRASES[c.id] ?? [])] }));
