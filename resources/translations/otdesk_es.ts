<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CaseloadModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>Expediente</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Assigned OT</source>
        <translation>TO asignado/a</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Searching clients</source>
        <translation>Buscando clientes</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>%1 (interpreter)</source>
        <translation>%1 (intérprete)</translation>
    </message>
</context>
<context>
    <name>CaseloadView</name>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Number of clients shown</source>
        <translation>Número de clientes mostrados</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Name, record number or date of birth</source>
        <translation>Nombre, n.º de expediente o fecha de nacimiento</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>E&amp;stado:</translation>
    </message>
    <message>
        <source>Assigned &amp;OT:</source>
        <translation>&amp;TO asignado/a:</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Cualquier prioridad</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioridad:</translation>
    </message>
    <message>
        <source>&amp;Review due</source>
        <translation>&amp;Revisión pendiente</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Revisión pendiente</translation>
    </message>
    <message>
        <source>Care-plan review due within two weeks or overdue</source>
        <translation>Revisión del plan de cuidados en las próximas dos semanas o vencida</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Quitar filtros</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Quitar la búsqueda y los filtros</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Míos</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 cliente</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 clientes</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>&amp;Import clients…</source>
        <translation>&amp;Importar clientes…</translation>
    </message>
    <message>
        <source>Import clients from a CSV file</source>
        <translation>Importar clientes desde un archivo CSV</translation>
    </message>
    <message>
        <source>No clients yet — import a CSV or add a client.</source>
        <translation>Todavía no hay clientes: importe un CSV o añada un cliente.</translation>
    </message>
    <message>
        <source>No clients match &apos;%1&apos; with these filters.</source>
        <translation>Ningún cliente coincide con «%1» con estos filtros.</translation>
    </message>
    <message>
        <source>No clients match &apos;%1&apos;.</source>
        <translation>Ningún cliente coincide con «%1».</translation>
    </message>
    <message>
        <source>No clients match these filters.</source>
        <translation>Ningún cliente coincide con estos filtros.</translation>
    </message>
    <message>
        <source>&amp;Open record</source>
        <translation>&amp;Abrir expediente</translation>
    </message>
    <message>
        <source>&amp;Copy record number</source>
        <translation>&amp;Copiar número de expediente</translation>
    </message>
</context>
<context>
    <name>ClientHeader</name>
    <message>
        <source>Close record</source>
        <translation>Cerrar expediente</translation>
    </message>
    <message>
        <source>Close this client&apos;s record</source>
        <translation>Cerrar el expediente de este cliente</translation>
    </message>
    <message>
        <source>Client: {0}</source>
        <translation>Cliente: {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>Estado: {0}</translation>
    </message>
    <message>
        <source>Priority: {0}</source>
        <translation>Prioridad: {0}</translation>
    </message>
    <message>
        <source>Record {0}</source>
        <translation>Expediente {0}</translation>
    </message>
    <message>
        <source>{0} years (born {1})</source>
        <translation>{0} años (nac. {1})</translation>
    </message>
    <message>
        <source>Assigned OT: {0}</source>
        <translation>TO: {0}</translation>
    </message>
    <message>
        <source>No OT assigned</source>
        <translation>Sin TO asignado/a</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>Idioma: {0}</translation>
    </message>
    <message>
        <source> — interpreter needed</source>
        <translation> — necesita intérprete</translation>
    </message>
    <message>
        <source>Client details: {0}</source>
        <translation>Datos del cliente: {0}</translation>
    </message>
    <message>
        <source>⚠ Alerts: {0}</source>
        <translation>⚠ Alertas: {0}</translation>
    </message>
    <message>
        <source>Alerts: {0}</source>
        <translation>Alertas: {0}</translation>
    </message>
</context>
<context>
    <name>ClientTabs</name>
    <message>
        <source>Assessments</source>
        <translation>Evaluaciones</translation>
    </message>
    <message>
        <source>Care plan</source>
        <translation>Plan de cuidados</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Family sessions</source>
        <translation>Sesiones familiares</translation>
    </message>
    <message>
        <source>Home checklists</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Episodes &amp; care team</source>
        <translation>Episodios y equipo</translation>
    </message>
    <message>
        <source>Family &amp; caregivers</source>
        <translation>Familia y cuidadores</translation>
    </message>
</context>
<context>
    <name>ClientWorkspace</name>
    <message>
        <source>Parts of the client&apos;s record</source>
        <translation>Partes del expediente del cliente</translation>
    </message>
    <message>
        <source>This part of the record could not be shown. Details are in the log.</source>
        <translation>Esta parte del expediente no se pudo mostrar. Los detalles están en el archivo de registro.</translation>
    </message>
    <message>
        <source>Save changes?</source>
        <translation>¿Guardar los cambios?</translation>
    </message>
    <message>
        <source>{0} has unsaved changes in: {1}.
Save them before closing?</source>
        <translation>{0} tiene cambios sin guardar en: {1}.
¿Guardarlos antes de cerrar?</translation>
    </message>
    <message>
        <source>This record</source>
        <translation>Este expediente</translation>
    </message>
    <message>
        <source>This client&apos;s record no longer exists</source>
        <translation>El expediente de este cliente ya no existe</translation>
    </message>
    <message>
        <source>{0} •</source>
        <translation>{0} •</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Edit client details</source>
        <translation>Editar datos del cliente</translation>
    </message>
    <message>
        <source>Add family member</source>
        <translation>Añadir familiar</translation>
    </message>
    <message>
        <source>Edit family member</source>
        <translation>Editar familiar</translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation>Quitar a {0}</translation>
    </message>
    <message>
        <source>Edit episode</source>
        <translation>Editar episodio</translation>
    </message>
    <message>
        <source>referred {0}</source>
        <translation>derivado el {0}</translation>
    </message>
    <message>
        <source>Add {0} to the care team</source>
        <translation>Añadir a {0} al equipo de atención</translation>
    </message>
    <message>
        <source>Remove {0} from the care team</source>
        <translation>Quitar a {0} del equipo de atención</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Someone else saved this record</source>
        <translation>Otra persona guardó este expediente</translation>
    </message>
    <message>
        <source>Your changes are not saved yet</source>
        <translation>Sus cambios aún no se han guardado</translation>
    </message>
    <message>
        <source>{0} was changed and saved by someone else after you opened it. Saving now would overwrite their work, so nothing was saved.</source>
        <translation>Otra persona modificó y guardó «{0}» después de que usted lo abriera. Guardar ahora sobrescribiría su trabajo, así que no se ha guardado nada.</translation>
    </message>
    <message>
        <source>&amp;Fields that differ:</source>
        <translation>&amp;Campos que difieren:</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Su versión</translation>
    </message>
    <message>
        <source>Saved by them</source>
        <translation>Versión guardada</translation>
    </message>
    <message>
        <source>Fields that differ</source>
        <translation>Campos que difieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reload&lt;/b&gt; shows their version and drops your changes.&lt;br&gt;&lt;b&gt;Keep mine&lt;/b&gt; shows their version with your changes put back on top; check it and press Save again.&lt;br&gt;&lt;b&gt;Cancel&lt;/b&gt; leaves the form as it is.</source>
        <translation>&lt;b&gt;Recargar&lt;/b&gt; muestra la versión guardada y descarta sus cambios.&lt;br&gt;&lt;b&gt;Mantener los míos&lt;/b&gt; muestra la versión guardada con sus cambios aplicados encima; revísela y pulse Guardar de nuevo.&lt;br&gt;&lt;b&gt;Cancelar&lt;/b&gt; deja el formulario como está.</translation>
    </message>
    <message>
        <source>&amp;Reload (drop my changes)</source>
        <translation>&amp;Recargar (descartar mis cambios)</translation>
    </message>
    <message>
        <source>&amp;Keep mine as a copy</source>
        <translation>&amp;Mantener los míos como copia</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DashboardSources</name>
    <message>
        <source>Care-plan reviews</source>
        <translation>Revisiones del plan de cuidados</translation>
    </message>
    <message>
        <source>Assessments due</source>
        <translation>Evaluaciones pendientes</translation>
    </message>
    <message>
        <source>Unsigned family-session notes</source>
        <translation>Notas de sesiones familiares sin firmar</translation>
    </message>
    <message>
        <source>Overdue home modifications</source>
        <translation>Modificaciones del hogar vencidas</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>New referrals</source>
        <translation>Nuevas derivaciones</translation>
    </message>
</context>
<context>
    <name>DashboardSummaries</name>
    <message>
        <source>Care-plan review overdue by {days} day</source>
        <translation>Revisión del plan de cuidados con {days} día de retraso</translation>
    </message>
    <message>
        <source>Care-plan review overdue by {days} days</source>
        <translation>Revisión del plan de cuidados con {days} días de retraso</translation>
    </message>
    <message>
        <source>Care-plan review due today</source>
        <translation>La revisión del plan de cuidados vence hoy</translation>
    </message>
    <message>
        <source>Review due in {days} day</source>
        <translation>La revisión vence en {days} día</translation>
    </message>
    <message>
        <source>Review due in {days} days</source>
        <translation>La revisión vence en {days} días</translation>
    </message>
    <message>
        <source>Reassessment overdue by {days} day</source>
        <translation>Reevaluación con {days} día de retraso</translation>
    </message>
    <message>
        <source>Reassessment overdue by {days} days</source>
        <translation>Reevaluación con {days} días de retraso</translation>
    </message>
    <message>
        <source>Reassessment due today</source>
        <translation>La reevaluación vence hoy</translation>
    </message>
    <message>
        <source>Reassessment due in {days} day</source>
        <translation>La reevaluación vence en {days} día</translation>
    </message>
    <message>
        <source>Reassessment due in {days} days</source>
        <translation>La reevaluación vence en {days} días</translation>
    </message>
    <message>
        <source>First assessment overdue by {days} day</source>
        <translation>Primera evaluación con {days} día de retraso</translation>
    </message>
    <message>
        <source>First assessment overdue by {days} days</source>
        <translation>Primera evaluación con {days} días de retraso</translation>
    </message>
    <message>
        <source>First assessment due today</source>
        <translation>La primera evaluación vence hoy</translation>
    </message>
    <message>
        <source>First assessment due in {days} day</source>
        <translation>La primera evaluación vence en {days} día</translation>
    </message>
    <message>
        <source>First assessment due in {days} days</source>
        <translation>La primera evaluación vence en {days} días</translation>
    </message>
    <message>
        <source>Unsigned note from {hours} hour ago</source>
        <translation>Nota sin firmar de hace {hours} hora</translation>
    </message>
    <message>
        <source>Unsigned note from {hours} hours ago</source>
        <translation>Nota sin firmar de hace {hours} horas</translation>
    </message>
    <message>
        <source>Unsigned note from {days} day ago</source>
        <translation>Nota sin firmar de hace {days} día</translation>
    </message>
    <message>
        <source>Unsigned note from {days} days ago</source>
        <translation>Nota sin firmar de hace {days} días</translation>
    </message>
    <message>
        <source>{what} in {area}: due {date}</source>
        <translation>{what} en {area}: venció el {date}</translation>
    </message>
    <message>
        <source>{what}: due {date}</source>
        <translation>{what}: venció el {date}</translation>
    </message>
    <message>
        <source>Home modification: due {date}</source>
        <translation>Modificación del hogar: venció el {date}</translation>
    </message>
    <message>
        <source>Waiting {days} day since referral on {date}</source>
        <translation>En espera {days} día desde la derivación del {date}</translation>
    </message>
    <message>
        <source>Waiting {days} days since referral on {date}</source>
        <translation>En espera {days} días desde la derivación del {date}</translation>
    </message>
    <message>
        <source>Waiting; no open referral is recorded</source>
        <translation>En espera; no consta ninguna derivación abierta</translation>
    </message>
    <message>
        <source>Referred {date} by {source}</source>
        <translation>Derivación del {date} por {source}</translation>
    </message>
    <message>
        <source>Referred {date}</source>
        <translation>Derivación del {date}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>&amp;My clients</source>
        <translation>&amp;Mis clientes</translation>
    </message>
    <message>
        <source>Show my clients</source>
        <translation>Mostrar mis clientes</translation>
    </message>
    <message>
        <source>&amp;Whole clinic</source>
        <translation>Toda la &amp;clínica</translation>
    </message>
    <message>
        <source>Show the whole clinic</source>
        <translation>Mostrar toda la clínica</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Refresh the dashboard</source>
        <translation>Actualizar el panel</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Actualizar (F5)</translation>
    </message>
    <message>
        <source>Summary of what is due</source>
        <translation>Resumen de lo pendiente</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>What needs attention across the clinic</source>
        <translation>Lo que requiere atención en toda la clínica</translation>
    </message>
    <message>
        <source>What needs attention for %1</source>
        <translation>Lo que requiere la atención de %1</translation>
    </message>
    <message>
        <source>Loading the dashboard</source>
        <translation>Cargando el panel</translation>
    </message>
    <message>
        <source>The dashboard could not be loaded: %1</source>
        <translation>No se pudo cargar el panel: %1</translation>
    </message>
    <message>
        <source>Nothing due. Care-plan reviews, reassessments, unsigned notes and other follow-ups appear here when they fall due.</source>
        <translation>Nada pendiente. Las revisiones de planes de cuidados, las reevaluaciones, las notas sin firmar y otros seguimientos aparecen aquí cuando vencen.</translation>
    </message>
    <message>
        <source>%1: %2, go to the list</source>
        <translation>%1: %2, ir a la lista</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Choose from a calendar</source>
        <translation>Elegir en un calendario</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
</context>
<context>
    <name>DiagnosesEditor</name>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Code (optional)</source>
        <translation>Código (opcional)</translation>
    </message>
    <message>
        <source>Diagnoses</source>
        <translation>Diagnósticos</translation>
    </message>
    <message>
        <source>Each row is one diagnosis as written, with an optional classification code</source>
        <translation>Cada fila es un diagnóstico tal como se escribió, con un código de clasificación opcional</translation>
    </message>
    <message>
        <source>Add diagnosis</source>
        <translation>Añadir diagnóstico</translation>
    </message>
    <message>
        <source>Remove diagnosis</source>
        <translation>Quitar diagnóstico</translation>
    </message>
    <message>
        <source>Remove the selected diagnosis</source>
        <translation>Quitar el diagnóstico seleccionado</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>Keeping unsaved changes</source>
        <translation>Conservando los cambios sin guardar</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>today at {0}</source>
        <translation>hoy a las {0}</translation>
    </message>
    <message>
        <source>Unsaved changes found</source>
        <translation>Hay cambios sin guardar</translation>
    </message>
    <message>
        <source>Restore unsaved changes from {0}?</source>
        <translation>¿Restaurar los cambios sin guardar de {0}?</translation>
    </message>
    <message>
        <source>They were typed into “{0}” but never saved.</source>
        <translation>Se escribieron en «{0}», pero no llegaron a guardarse.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
</context>
<context>
    <name>DueItemsModel</name>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>Expediente</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <source>Overdue · %1</source>
        <translation>Vencido · %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Vence el %1</translation>
    </message>
</context>
<context>
    <name>EpisodesTab</name>
    <message>
        <source>Referred</source>
        <translation>Derivación</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Quién deriva</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Planned discharge</source>
        <translation>Alta prevista</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Discharged {0}</source>
        <translation>Alta {0}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Discipline</source>
        <translation>Disciplina</translation>
    </message>
    <message>
        <source>Role in the team</source>
        <translation>Función en el equipo</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>On the team</source>
        <translation>En el equipo</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} a {1}</translation>
    </message>
    <message>
        <source>since {0}</source>
        <translation>desde {0}</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actual</translation>
    </message>
    <message>
        <source>e.g. Dr Rivera, psychiatry outpatients</source>
        <translation>p. ej., Dra. Rivera, psiquiatría</translation>
    </message>
    <message>
        <source>Referral date</source>
        <translation>Fecha de derivación</translation>
    </message>
    <message>
        <source>Reason for referral</source>
        <translation>Motivo de la derivación</translation>
    </message>
    <message>
        <source>Care started</source>
        <translation>Inicio de la atención</translation>
    </message>
    <message>
        <source>Discharge date</source>
        <translation>Fecha de alta</translation>
    </message>
    <message>
        <source>Discharged to</source>
        <translation>Destino al alta</translation>
    </message>
    <message>
        <source>e.g. GP and community support, supported housing</source>
        <translation>p. ej., médico de familia, vivienda con apoyo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <source>Choose a staff member, or leave this blank and type an outside partner&apos;s name</source>
        <translation>Elija un profesional de la clínica, o deje esto en blanco y escriba el nombre de alguien de fuera</translation>
    </message>
    <message>
        <source>Or name</source>
        <translation>O nombre</translation>
    </message>
    <message>
        <source>Someone outside the clinic</source>
        <translation>Alguien de fuera de la clínica</translation>
    </message>
    <message>
        <source>On the team from</source>
        <translation>En el equipo desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Discharged on {0}</source>
        <translation>Alta el {0}</translation>
    </message>
    <message>
        <source>Episodes of care</source>
        <translation>Episodios de atención</translation>
    </message>
    <message>
        <source>&amp;Open new episode…</source>
        <translation>A&amp;brir nuevo episodio…</translation>
    </message>
    <message>
        <source>Open a new episode</source>
        <translation>Abrir un nuevo episodio</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;itar…</translation>
    </message>
    <message>
        <source>Edit the selected episode</source>
        <translation>Editar el episodio seleccionado</translation>
    </message>
    <message>
        <source>&amp;Discharge…</source>
        <translation>Dar de a&amp;lta…</translation>
    </message>
    <message>
        <source>Discharge the client from the selected episode</source>
        <translation>Dar de alta al cliente del episodio seleccionado</translation>
    </message>
    <message>
        <source>Details of the selected episode</source>
        <translation>Detalles del episodio seleccionado</translation>
    </message>
    <message>
        <source>Care team</source>
        <translation>Equipo de atención</translation>
    </message>
    <message>
        <source>Add &amp;to team…</source>
        <translation>Aña&amp;dir al equipo…</translation>
    </message>
    <message>
        <source>Add someone to the care team</source>
        <translation>Añadir a alguien al equipo de atención</translation>
    </message>
    <message>
        <source>Re&amp;move from team</source>
        <translation>&amp;Quitar del equipo</translation>
    </message>
    <message>
        <source>Remove the selected person from the care team</source>
        <translation>Quitar a la persona seleccionada del equipo de atención</translation>
    </message>
    <message>
        <source>No episodes of care yet.
Use “Open new episode” to record a referral.</source>
        <translation>Todavía no hay episodios de atención.
Use «Abrir nuevo episodio» para registrar una derivación.</translation>
    </message>
    <message>
        <source>Select an episode to see its details.</source>
        <translation>Seleccione un episodio para ver sus detalles.</translation>
    </message>
    <message>
        <source>Nobody is on this episode&apos;s care team yet.</source>
        <translation>Todavía no hay nadie en el equipo de atención de este episodio.</translation>
    </message>
    <message>
        <source>Cannot undo or redo</source>
        <translation>No se puede deshacer ni rehacer</translation>
    </message>
    <message>
        <source>“{0}” could not be applied: {1}
The record was left as it is.</source>
        <translation>No se pudo aplicar «{0}»: {1}
El expediente se dejó como estaba.</translation>
    </message>
    <message>
        <source>Open a new episode of care</source>
        <translation>Abrir un nuevo episodio de atención</translation>
    </message>
    <message>
        <source>Open episode</source>
        <translation>Abrir episodio</translation>
    </message>
    <message>
        <source>Edit episode ({0})</source>
        <translation>Editar episodio ({0})</translation>
    </message>
    <message>
        <source>Edit episode referred {0}</source>
        <translation>Editar el episodio derivado el {0}</translation>
    </message>
    <message>
        <source>Discharge {0}</source>
        <translation>Dar de alta a {0}</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Dar de alta</translation>
    </message>
    <message>
        <source>This closes the episode referred on {0} and sets the client&apos;s status to discharged.</source>
        <translation>Se cerrará el episodio derivado el {0} y el estado del cliente pasará a «Alta».</translation>
    </message>
    <message>
        <source>(someone outside)</source>
        <translation>(alguien de fuera)</translation>
    </message>
    <message>
        <source>Add to the care team</source>
        <translation>Añadir al equipo de atención</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Remove from care team?</source>
        <translation>¿Quitar del equipo de atención?</translation>
    </message>
    <message>
        <source>Remove {0} from this episode&apos;s care team?</source>
        <translation>¿Quitar a {0} del equipo de atención de este episodio?</translation>
    </message>
    <message>
        <source>Cannot remove</source>
        <translation>No se puede quitar</translation>
    </message>
</context>
<context>
    <name>FamilyTab</name>
    <message>
        <source>Mother</source>
        <translation>Madre</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>Padre</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Madre o padre</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Pareja</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Cónyuge</translation>
    </message>
    <message>
        <source>Son</source>
        <translation>Hijo</translation>
    </message>
    <message>
        <source>Daughter</source>
        <translation>Hija</translation>
    </message>
    <message>
        <source>Sister</source>
        <translation>Hermana</translation>
    </message>
    <message>
        <source>Brother</source>
        <translation>Hermano</translation>
    </message>
    <message>
        <source>Grandparent</source>
        <translation>Abuelo/a</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>Amigo/a</translation>
    </message>
    <message>
        <source>Neighbour</source>
        <translation>Vecino/a</translation>
    </message>
    <message>
        <source>Paid caregiver</source>
        <translation>Cuidador/a remunerado/a</translation>
    </message>
    <message>
        <source>Support worker</source>
        <translation>Profesional de apoyo</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a legal</translation>
    </message>
    <message>
        <source>Nothing about the client may be shared with this person.</source>
        <translation>No se puede compartir nada sobre el cliente con esta persona.</translation>
    </message>
    <message>
        <source>General updates only: appointments and how things are going.</source>
        <translation>Solo novedades generales: citas y cómo van las cosas.</translation>
    </message>
    <message>
        <source>May receive the care plan and family handouts.</source>
        <translation>Puede recibir el plan de cuidados y los folletos para la familia.</translation>
    </message>
    <message>
        <source>May be told anything in the client&apos;s record.</source>
        <translation>Se le puede contar cualquier cosa del expediente del cliente.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Relación</translation>
    </message>
    <message>
        <source>Primary caregiver</source>
        <translation>Cuidador/a principal</translation>
    </message>
    <message>
        <source>May be told</source>
        <translation>Qué se comparte</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source> (interpreter)</source>
        <translation> (intérprete)</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>e.g. mother, partner, paid caregiver</source>
        <translation>p. ej., madre, pareja, cuidadora</translation>
    </message>
    <message>
        <source>This is the client&apos;s primary caregiver</source>
        <translation>Es cuidador/a principal del cliente</translation>
    </message>
    <message>
        <source>What the client has agreed may be shared with this person</source>
        <translation>Lo que el cliente ha autorizado a compartir con esta persona</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <source>Needs an interpreter</source>
        <translation>Necesita intérprete</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Family and caregivers</source>
        <translation>Familia y cuidadores</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>Aña&amp;dir…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;itar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Add a family member or caregiver</source>
        <translation>Añadir un familiar o cuidador/a</translation>
    </message>
    <message>
        <source>Edit the selected family member</source>
        <translation>Editar el familiar seleccionado</translation>
    </message>
    <message>
        <source>Remove the selected family member</source>
        <translation>Quitar el familiar seleccionado</translation>
    </message>
    <message>
        <source>Family members and caregivers</source>
        <translation>Familiares y cuidadores</translation>
    </message>
    <message>
        <source>Details of the selected family member</source>
        <translation>Detalles del familiar seleccionado</translation>
    </message>
    <message>
        <source>No family members or caregivers recorded yet.
Use Add to record who supports {0}.</source>
        <translation>Todavía no hay familiares ni cuidadores registrados.
Use Añadir para anotar quién apoya a {0}.</translation>
    </message>
    <message>
        <source>The client has agreed to share with family, within each person&apos;s scope.</source>
        <translation>El cliente ha autorizado compartir información con la familia, dentro de lo permitido a cada persona.</translation>
    </message>
    <message>
        <source>⚠ The client has not consented to sharing with family: share nothing until consent is recorded on the Overview.</source>
        <translation>⚠ El cliente no ha dado su consentimiento para compartir información con la familia: no comparta nada hasta que el consentimiento conste en el Resumen.</translation>
    </message>
    <message>
        <source>★ Primary caregiver</source>
        <translation>★ Cuidador/a principal</translation>
    </message>
    <message>
        <source>May be told: {0}. {1}</source>
        <translation>Qué se comparte: {0}. {1}</translation>
    </message>
    <message>
        <source>, needs an interpreter</source>
        <translation>, necesita intérprete</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>Idioma: {0}</translation>
    </message>
    <message>
        <source>Contact: {0}</source>
        <translation>Contacto: {0}</translation>
    </message>
    <message>
        <source>Cannot undo or redo</source>
        <translation>No se puede deshacer ni rehacer</translation>
    </message>
    <message>
        <source>Add family member or caregiver</source>
        <translation>Añadir familiar o cuidador/a</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>Editar a {0}</translation>
    </message>
    <message>
        <source>Remove family member?</source>
        <translation>¿Quitar al familiar?</translation>
    </message>
    <message>
        <source>Remove {0} ({1}) from this client&apos;s family and caregivers?</source>
        <translation>¿Quitar a {0} ({1}) de los familiares y cuidadores de este cliente?</translation>
    </message>
    <message>
        <source>Cannot remove</source>
        <translation>No se puede quitar</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <source>This %1</source>
        <translation>Este campo %1</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>is required (one of {choices})</source>
        <translation>es obligatorio (uno de {choices})</translation>
    </message>
    <message>
        <source>is {length:,} characters long; the limit is {limit:,}</source>
        <translation>tiene {length:,} caracteres; el límite es {limit:,}</translation>
    </message>
    <message>
        <source>holds a broken character (an unpaired surrogate)</source>
        <translation>contiene un carácter dañado (un sustituto sin pareja)</translation>
    </message>
    <message>
        <source>holds a NUL character, which cannot be stored</source>
        <translation>contiene un carácter NUL, que no se puede guardar</translation>
    </message>
    <message>
        <source>holds a line break ({code}), which is not allowed here</source>
        <translation>contiene un salto de línea ({code}), que aquí no se permite</translation>
    </message>
    <message>
        <source>holds a control character ({code}), which is not allowed here</source>
        <translation>contiene un carácter de control ({code}), que aquí no se permite</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date in the form YYYY-MM-DD</source>
        <translation>«{value}» no es una fecha con el formato AAAA-MM-DD</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a real date ({problem})</source>
        <translation>«{value}» no es una fecha que exista ({problem})</translation>
    </message>
    <message>
        <source>is in the future</source>
        <translation>está en el futuro</translation>
    </message>
    <message>
        <source>is more than {years} years ago</source>
        <translation>es de hace más de {years} años</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not yes or no</source>
        <translation>«{value}» no es ni sí ni no</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of {choices}</source>
        <translation>«{value}» no es ninguno de estos valores: {choices}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a whole number</source>
        <translation>«{value}» no es un número entero</translation>
    </message>
    <message>
        <source>must be at least {minimum}</source>
        <translation>debe ser como mínimo {minimum}</translation>
    </message>
    <message>
        <source>must be at most {maximum}</source>
        <translation>debe ser como máximo {maximum}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a language code such as en, es or pt-BR</source>
        <translation>«{value}» no es un código de idioma como en, es o pt-BR</translation>
    </message>
    <message>
        <source>is before the {other} ({date})</source>
        <translation>es anterior a «{other}» ({date})</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <source>must be a date</source>
        <translation>debe ser una fecha</translation>
    </message>
    <message>
        <source>is not a field of this record</source>
        <translation>no es un campo de este registro</translation>
    </message>
    <message>
        <source>{value} is already in use</source>
        <translation>{value} ya está en uso</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>no existe</translation>
    </message>
    <message>
        <source>is a folder, not a CSV file</source>
        <translation>es una carpeta, no un archivo CSV</translation>
    </message>
    <message>
        <source>is {size:,} bytes; the limit is {limit:,}</source>
        <translation>ocupa {size:,} bytes; el límite es {limit:,}</translation>
    </message>
    <message>
        <source>holds an invisible formatting character ({code}), which could make it show as something else</source>
        <translation>contiene un carácter de formato invisible ({code}) que podría hacer que se muestre como otra cosa</translation>
    </message>
    <message>
        <source>grew past the limit of {limit:,} bytes while it was read</source>
        <translation>creció por encima del límite de {limit:,} bytes mientras se leía</translation>
    </message>
    <message>
        <source>is not a regular file (a device, a pipe or a socket cannot be imported)</source>
        <translation>no es un archivo normal (no se puede importar un dispositivo, una tubería ni un socket)</translation>
    </message>
    <message>
        <source>cannot be read ({problem})</source>
        <translation>no se puede leer ({problem})</translation>
    </message>
    <message>
        <source>is not UTF-8 text (save it from the spreadsheet as &apos;CSV UTF-8&apos;)</source>
        <translation>no es texto UTF-8 (guárdelo desde la hoja de cálculo como «CSV UTF-8»)</translation>
    </message>
    <message>
        <source>is not valid CSV ({problem})</source>
        <translation>no es un CSV válido ({problem})</translation>
    </message>
    <message>
        <source>is empty: it has no header row</source>
        <translation>está vacío: no tiene fila de encabezado</translation>
    </message>
    <message>
        <source>has no client rows</source>
        <translation>no tiene filas de clientes</translation>
    </message>
    <message>
        <source>appears more than once in the header</source>
        <translation>aparece más de una vez en el encabezado</translation>
    </message>
    <message>
        <source>is not a column otdesk knows (see &apos;otdesk import-clients --help&apos;)</source>
        <translation>no es una columna que otdesk reconozca (consulte «otdesk import-clients --help»)</translation>
    </message>
    <message>
        <source>is a required column but the header lacks it</source>
        <translation>es una columna obligatoria, pero falta en el encabezado</translation>
    </message>
    <message>
        <source>column {position} has no name</source>
        <translation>la columna {position} no tiene nombre</translation>
    </message>
    <message>
        <source>has {cells} cell but the header has {columns}</source>
        <translation>tiene {cells} celda, pero el encabezado tiene {columns}</translation>
    </message>
    <message>
        <source>has {cells} cells but the header has {columns}</source>
        <translation>tiene {cells} celdas, pero el encabezado tiene {columns}</translation>
    </message>
    <message>
        <source>no staff member has the user name &apos;{username}&apos;</source>
        <translation>ningún miembro del personal tiene el nombre de usuario «{username}»</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; is no longer active</source>
        <translation>la cuenta «{username}» ya no está activa</translation>
    </message>
    <message>
        <source>is given without a diagnosis</source>
        <translation>se ha rellenado sin indicar un diagnóstico</translation>
    </message>
    <message>
        <source>{value} already appears on line {line}</source>
        <translation>{value} ya aparece en la línea {line}</translation>
    </message>
    <message>
        <source>{value} is already in use in the database</source>
        <translation>{value} ya está en uso en la base de datos</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Problems with this form</source>
        <translation>Problemas en este formulario</translation>
    </message>
    <message>
        <source>{0}: problem</source>
        <translation>{0}: problema</translation>
    </message>
    <message>
        <source>A date in the form YYYY-MM-DD</source>
        <translation>Una fecha con el formato AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Choose {0} from a calendar</source>
        <translation>{0}: elegir en un calendario</translation>
    </message>
    <message>
        <source>Choose a language or type a code such as pt-BR</source>
        <translation>Elija un idioma o escriba un código como pt-BR</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>row {0}, {1}</source>
        <translation>fila {0}, {1}</translation>
    </message>
    <message>
        <source>{0}{1} {2}</source>
        <translation>{0}{1} {2}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import clients</source>
        <translation>Importar clientes</translation>
    </message>
    <message>
        <source>Choose a CSV file saved as UTF-8 with a header row. Required columns: record_number, given_name, family_name, date_of_birth (YYYY-MM-DD), preferred_language, status. Nothing is imported unless every row is correct.</source>
        <translation>Elija un archivo CSV guardado en UTF-8 con una fila de encabezado. Columnas obligatorias: record_number, given_name, family_name, date_of_birth (AAAA-MM-DD), preferred_language, status. No se importa nada a menos que todas las filas sean correctas.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Ningún archivo elegido</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Choose the CSV file</source>
        <translation>Elegir el archivo CSV</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>&amp;Check file</source>
        <translation>&amp;Comprobar archivo</translation>
    </message>
    <message>
        <source>Check every row without importing anything</source>
        <translation>Comprobar todas las filas sin importar nada</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>Ca&amp;ncelar importación</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>Problemas encontrados en el archivo</translation>
    </message>
    <message>
        <source>Choose the clients&apos; CSV file</source>
        <translation>Elegir el archivo CSV de clientes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Comprobando %1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importando %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>The one row is correct. Choose Import to add it.</source>
        <translation>La única fila es correcta. Elija Importar para añadirla.</translation>
    </message>
    <message>
        <source>Imported 1 client.</source>
        <translation>Se importó 1 cliente.</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problema</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 problemas</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 línea</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 líneas</translation>
    </message>
    <message>
        <source>All %1 rows are correct. Choose Import to add them.</source>
        <translation>Las %1 filas son correctas. Elija Importar para añadirlas.</translation>
    </message>
    <message>
        <source>Imported %1 clients.</source>
        <translation>Se importaron %1 clientes.</translation>
    </message>
    <message>
        <source>1 client row</source>
        <translation>1 fila de cliente</translation>
    </message>
    <message>
        <source>%1 client rows</source>
        <translation>%1 filas de clientes</translation>
    </message>
    <message>
        <source>The check found %1 on %2 (the file has %3). Correct the file, then check it again.</source>
        <translation>La comprobación encontró %1 en %2 (el archivo tiene %3). Corrija el archivo y vuelva a comprobarlo.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 on %2 (the file has %3). Correct the file and try again.</source>
        <translation>No se importó nada: %1 en %2 (el archivo tiene %3). Corrija el archivo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>No se pudo leer el archivo: %1</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was imported.</source>
        <translation>Cancelado. No se importó nada.</translation>
    </message>
</context>
<context>
    <name>ImportReportModel</name>
    <message>
        <source>The file %1.</source>
        <translation>El archivo %1.</translation>
    </message>
    <message>
        <source>This row %1.</source>
        <translation>Esta fila %1.</translation>
    </message>
    <message>
        <source>&apos;%2&apos; %1.</source>
        <translation>«%2» %1.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>KeyboardShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Every menu item can also be reached with Alt and its underlined letter.</source>
        <translation>También se llega a cada elemento de los menús con Alt y su letra subrayada.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Qué hacen</translation>
    </message>
    <message>
        <source>%1 menu</source>
        <translation>Menú %1</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>List of pages and open clients</source>
        <translation>Lista de páginas y clientes abiertos</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Client record</source>
        <translation>Expediente del cliente</translation>
    </message>
    <message>
        <source>Family and caregivers</source>
        <translation>Familia y cuidadores</translation>
    </message>
    <message>
        <source>From the search box, go to the results</source>
        <translation>Desde el cuadro de búsqueda, ir a los resultados</translation>
    </message>
    <message>
        <source>Open the selected client; in the search box, open the only match</source>
        <translation>Abrir el cliente seleccionado; en el cuadro de búsqueda, abrir la única coincidencia</translation>
    </message>
    <message>
        <source>Close the selected client&apos;s record</source>
        <translation>Cerrar el expediente del cliente seleccionado</translation>
    </message>
    <message>
        <source>Refresh the lists</source>
        <translation>Actualizar las listas</translation>
    </message>
    <message>
        <source>Open the record the selected line names</source>
        <translation>Abrir el expediente que nombra la línea seleccionada</translation>
    </message>
    <message>
        <source>Save the client&apos;s details</source>
        <translation>Guardar los datos del cliente</translation>
    </message>
    <message>
        <source>Next or previous part of the record</source>
        <translation>Parte siguiente o anterior del expediente</translation>
    </message>
    <message>
        <source>Edit the selected person</source>
        <translation>Editar a la persona seleccionada</translation>
    </message>
    <message>
        <source>Remove the selected person</source>
        <translation>Quitar a la persona seleccionada</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>English</source>
        <translation>inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>español</translation>
    </message>
    <message>
        <source>French</source>
        <translation>francés</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugués</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>árabe</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>chino</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>vietnamita</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>ruso</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>coreano</translation>
    </message>
    <message>
        <source>Filipino</source>
        <translation>filipino</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polaco</translation>
    </message>
    <message>
        <source>German</source>
        <translation>alemán</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>persa</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>hindi</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>somalí</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ucraniano</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>turco</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>griego</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>hebreo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <source>&amp;Import clients…</source>
        <translation>&amp;Importar clientes…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Close client</source>
        <translation>&amp;Cerrar cliente</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Find client</source>
        <translation>&amp;Buscar cliente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Panel</translation>
    </message>
    <message>
        <source>&amp;Caseload</source>
        <translation>&amp;Casos</translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation>Texto más &amp;grande</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>Texto más &amp;pequeño</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>A&amp;tajos de teclado</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About otdesk</source>
        <translation>&amp;Acerca de otdesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Ubicación de la base de datos</translation>
    </message>
    <message>
        <source>Client not found</source>
        <translation>Cliente no encontrado</translation>
    </message>
    <message>
        <source>This client&apos;s record no longer exists.</source>
        <translation>El expediente de este cliente ya no existe.</translation>
    </message>
    <message>
        <source>Text size: %1 pt</source>
        <translation>Tamaño del texto: %1 pt</translation>
    </message>
    <message>
        <source>About otdesk</source>
        <translation>Acerca de otdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;otdesk&lt;/h3&gt;&lt;p&gt;Records for occupational therapists in community mental-health clinics: caseload, assessments, home checklists, family sessions and care plans.&lt;/p&gt;&lt;p&gt;Everything stays on this computer or your clinic&apos;s own server.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;otdesk&lt;/h3&gt;&lt;p&gt;Expedientes para terapeutas ocupacionales de clínicas comunitarias de salud mental: casos, evaluaciones, listas de control del hogar, sesiones con la familia y planes de cuidados.&lt;/p&gt;&lt;p&gt;Todo se queda en este equipo o en el servidor de su clínica.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Caseload</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Open clients</source>
        <translation>Clientes abiertos</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>NewClientDialog</name>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Add a client to the clinic&apos;s books</source>
        <translation>Registrar un cliente nuevo en la clínica</translation>
    </message>
    <message>
        <source>Fill in the essentials now; the rest can be added on the client&apos;s record.</source>
        <translation>Rellene ahora lo esencial; el resto se puede añadir en el expediente del cliente.</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Número de expediente</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Idioma preferido</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Assigned OT</source>
        <translation>Terapeuta asignado/a</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Create client</source>
        <translation>Crear cliente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>New client {0}</source>
        <translation>Nuevo cliente {0}</translation>
    </message>
    <message>
        <source>Discard new client?</source>
        <translation>¿Descartar el cliente nuevo?</translation>
    </message>
    <message>
        <source>The details you typed for the new client will be dropped.</source>
        <translation>Se perderán los datos que escribió para el cliente nuevo.</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Not assigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>{0} (inactive)</source>
        <translation>{0} (inactivo/a)</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>{0} — Overview</source>
        <translation>{0} — Resumen</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Número de expediente</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>e.g. she/her</source>
        <translation>p. ej., ella</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Idioma preferido</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <source>Needs an interpreter</source>
        <translation>Necesita intérprete</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Care</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Assigned OT</source>
        <translation>Terapeuta asignado/a</translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation>Consentimiento para compartir</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>May share with family and caregivers</source>
        <translation>Se puede compartir con familiares y cuidadores</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>May share with community providers</source>
        <translation>Se puede compartir con servicios comunitarios</translation>
    </message>
    <message>
        <source>Alerts and diagnoses</source>
        <translation>Alertas y diagnósticos</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Safety and access notes everyone must see, shown in the record&apos;s header</source>
        <translation>Avisos de seguridad y de acceso que todos deben ver; se muestran en la cabecera del expediente</translation>
    </message>
    <message>
        <source>Diagnoses</source>
        <translation>Diagnósticos</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>&amp;Cancel changes</source>
        <translation>&amp;Cancelar cambios</translation>
    </message>
    <message>
        <source>Cancel changes</source>
        <translation>Cancelar cambios</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Guardar cambio&amp;s</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <source>Save the client&apos;s details (Ctrl+S)</source>
        <translation>Guardar los datos del cliente (Ctrl+S)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Todos los cambios guardados</translation>
    </message>
    <message>
        <source>Unsaved changes — kept safe as a draft at {0}</source>
        <translation>Cambios sin guardar — conservados como borrador ({0})</translation>
    </message>
    <message>
        <source>Someone saved this record after you started editing. When you save, you will be asked what to do.</source>
        <translation>Otra persona guardó este expediente después de que usted empezara a editarlo. Al guardar, se le preguntará qué hacer.</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>Editar {0}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>No se puede guardar</translation>
    </message>
    <message>
        <source>Cannot undo or redo</source>
        <translation>No se puede deshacer ni rehacer</translation>
    </message>
    <message>
        <source>“{0}” could not be applied: {1}
The record was left as it is.</source>
        <translation>No se pudo aplicar «{0}»: {1}
El expediente se dejó como estaba.</translation>
    </message>
    <message>
        <source>The record of {0}</source>
        <translation>El expediente de {0}</translation>
    </message>
    <message>
        <source>Your changes are shown on top of the latest version. Check, then save.</source>
        <translation>Sus cambios se muestran sobre la versión más reciente. Revíselos y luego guarde.</translation>
    </message>
    <message>
        <source>Cancel changes?</source>
        <translation>¿Cancelar los cambios?</translation>
    </message>
    <message>
        <source>Drop the changes you made to this client&apos;s details?</source>
        <translation>¿Descartar los cambios que hizo en los datos de este cliente?</translation>
    </message>
</context>
<context>
    <name>PlaceholderTab</name>
    <message>
        <source>Assessments will appear here</source>
        <translation>Aquí aparecerán las evaluaciones</translation>
    </message>
    <message>
        <source>Each administration of an instrument for this client — its answers, scores and band, draft or final — will be listed here, newest first, so progress across the episode is easy to see.</source>
        <translation>Aquí se listará cada aplicación de un instrumento a este cliente (sus respuestas, puntuaciones y rango, en borrador o definitiva), de la más reciente a la más antigua, para ver con facilidad la evolución a lo largo del episodio.</translation>
    </message>
    <message>
        <source>The care plan will appear here</source>
        <translation>Aquí aparecerá el plan de cuidados</translation>
    </message>
    <message>
        <source>The current care plan for this episode — needs, goals with target dates, interventions by discipline and the review date — and its earlier versions will be shown here.</source>
        <translation>Aquí se mostrará el plan de cuidados vigente de este episodio (necesidades, objetivos con fechas previstas, intervenciones por disciplina y fecha de revisión) y sus versiones anteriores.</translation>
    </message>
    <message>
        <source>Documents will appear here</source>
        <translation>Aquí aparecerán los documentos</translation>
    </message>
    <message>
        <source>Printed care plans, handouts and letters made for this client will be listed here, so you can see what was given to whom and print it again.</source>
        <translation>Aquí se listarán los planes de cuidados impresos, los folletos y las cartas preparados para este cliente, para que pueda ver qué se entregó a quién y volver a imprimirlo.</translation>
    </message>
    <message>
        <source>Family sessions will appear here</source>
        <translation>Aquí aparecerán las sesiones familiares</translation>
    </message>
    <message>
        <source>Sessions with family and caregivers — attendees, topics, notes, handouts given and action items — will be listed here. Signed notes never change; corrections are added as addenda.</source>
        <translation>Aquí se listarán las sesiones con familiares y cuidadores: asistentes, temas, notas, folletos entregados y tareas acordadas. Las notas firmadas no cambian nunca; las correcciones se añaden como anexos.</translation>
    </message>
    <message>
        <source>Home checklists will appear here</source>
        <translation>Aquí aparecerán las listas de control del hogar</translation>
    </message>
    <message>
        <source>Home, work and community visit checklists will be listed here, with each hazard found and the modifications recommended, who owns them, and whether they are done.</source>
        <translation>Aquí se listarán las listas de control de las visitas al hogar, al trabajo y a la comunidad, con cada riesgo detectado, las modificaciones recomendadas, quién se encarga de ellas y si ya están hechas.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>No se puede guardar</translation>
    </message>
    <message>
        <source>Someone else changed this record.</source>
        <translation>Otra persona ha modificado este expediente.</translation>
    </message>
    <message>
        <source>Drop changes?</source>
        <translation>¿Descartar los cambios?</translation>
    </message>
    <message>
        <source>The changes you typed here will be dropped.</source>
        <translation>Se perderán los cambios que escribió aquí.</translation>
    </message>
</context>
<context>
    <name>RecoverDraftsDialog</name>
    <message>
        <source>Unsaved work found</source>
        <translation>Hay trabajo sin guardar</translation>
    </message>
    <message>
        <source>Some changes were not saved last time</source>
        <translation>La última vez quedaron cambios sin guardar</translation>
    </message>
    <message>
        <source>otdesk kept what you typed. Tick the &amp;forms to open or discard:</source>
        <translation>otdesk conservó lo que escribió. Marque los &amp;formularios que quiera abrir o descartar:</translation>
    </message>
    <message>
        <source>Unsaved forms</source>
        <translation>Formularios sin guardar</translation>
    </message>
    <message>
        <source>{0} — saved {1}</source>
        <translation>{0} — guardado {1}</translation>
    </message>
    <message>
        <source>&amp;Open and restore</source>
        <translation>&amp;Abrir y restaurar</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>Más &amp;tarde</translation>
    </message>
    <message>
        <source>Discard unsaved changes?</source>
        <translation>¿Descartar los cambios sin guardar?</translation>
    </message>
    <message>
        <source>The ticked changes will be gone for good.</source>
        <translation>Los cambios marcados se perderán definitivamente.</translation>
    </message>
</context>
<context>
    <name>SectionCard</name>
    <message>
        <source>1 item</source>
        <translation>1 elemento</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 elementos</translation>
    </message>
    <message>
        <source>Nothing here right now.</source>
        <translation>Nada por ahora.</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>Se muestran %1 de %2</translation>
    </message>
    <message>
        <source>&amp;Open record</source>
        <translation>&amp;Abrir expediente</translation>
    </message>
    <message>
        <source>&amp;Copy record number</source>
        <translation>&amp;Copiar número de expediente</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Reviews and handouts</source>
        <translation>Revisiones y folletos</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>A line printed under the clinic&apos;s name, e.g. its funding body</source>
        <translation>Una línea impresa bajo el nombre de la clínica, p. ej. su entidad financiadora</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sin logotipo</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>E&amp;legir…</translation>
    </message>
    <message>
        <source>Choose the logo file</source>
        <translation>Elegir el archivo del logotipo</translation>
    </message>
    <message>
        <source>Logo preview</source>
        <translation>Vista previa del logotipo</translation>
    </message>
    <message>
        <source>Clinic &amp;name:</source>
        <translation>&amp;Nombre de la clínica:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Letterhead text:</source>
        <translation>Texto del &amp;membrete:</translation>
    </message>
    <message>
        <source>L&amp;ogo file:</source>
        <translation>Arc&amp;hivo del logotipo:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>Care-plan &amp;review every:</source>
        <translation>&amp;Revisar el plan de cuidados cada:</translation>
    </message>
    <message>
        <source>R&amp;eassess every:</source>
        <translation>R&amp;eevaluar cada:</translation>
    </message>
    <message>
        <source>Flag &amp;unsigned notes after:</source>
        <translation>Señalar notas sin &amp;firmar tras:</translation>
    </message>
    <message>
        <source>&amp;Handout language:</source>
        <translation>&amp;Idioma de los folletos:</translation>
    </message>
    <message>
        <source>Care plans fall due for review, and clients for reassessment, this long after the last one; family-session notes left unsigned longer than this are flagged on the dashboard. Family handouts print in the handout language unless the family&apos;s own language is set.</source>
        <translation>Los planes de cuidados deben revisarse, y los clientes reevaluarse, una vez transcurrido este plazo desde la última vez; las notas de sesiones con la familia que sigan sin firmar más tiempo se señalan en el panel. Los folletos para la familia se imprimen en este idioma salvo que se haya indicado el idioma de la familia.</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>These choices apply to this computer only. A new interface language is used the next time otdesk starts.</source>
        <translation>Estas opciones solo afectan a este equipo. El nuevo idioma de la interfaz se usa la próxima vez que se inicie otdesk.</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>Idioma de la i&amp;nterfaz:</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>&amp;Tamaño del texto:</translation>
    </message>
    <message>
        <source>Choose the clinic&apos;s logo</source>
        <translation>Elegir el logotipo de la clínica</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.svg *.bmp)</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Sin vista previa</translation>
    </message>
    <message>
        <source>Please correct the fields marked below.</source>
        <translation>Corrija los campos señalados abajo.</translation>
    </message>
    <message>
        <source>Someone else changed the settings</source>
        <translation>Otra persona cambió la configuración</translation>
    </message>
    <message>
        <source>Another person saved the clinic settings while this window was open, so your changes were not saved (saving would overwrite theirs).

Choose Reset to load their settings; you can then make your changes again.</source>
        <translation>Otra persona guardó la configuración de la clínica mientras esta ventana estaba abierta, así que sus cambios no se guardaron (guardarlos sobrescribiría los de esa persona).

Elija Restablecer para cargar su configuración; después podrá volver a hacer sus cambios.</translation>
    </message>
</context>
<context>
    <name>StaffSelector</name>
    <message>
        <source>Who is using otdesk (sign-in with passwords comes later)</source>
        <translation>Quién usa otdesk (el inicio de sesión con contraseña llegará más adelante)</translation>
    </message>
    <message>
        <source>Signed in &amp;as:</source>
        <translation>Pro&amp;fesional:</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Opening the clinic&apos;s records</source>
        <translation>Abriendo los expedientes de la clínica</translation>
    </message>
    <message>
        <source>Opening the clinic&apos;s records…</source>
        <translation>Abriendo los expedientes de la clínica…</translation>
    </message>
    <message>
        <source>otdesk cannot open the records</source>
        <translation>otdesk no puede abrir los expedientes</translation>
    </message>
    <message>
        <source>The clinic&apos;s records could not be opened.

%1

Check that the file or server named is right and that you may use it.</source>
        <translation>No se pudieron abrir los expedientes de la clínica.

%1

Compruebe que el archivo o el servidor indicado es correcto y que tiene permiso para usarlo.</translation>
    </message>
    <message>
        <source>Unknown user name</source>
        <translation>Nombre de usuario desconocido</translation>
    </message>
    <message>
        <source>No staff member has the user name &apos;%1&apos;. otdesk opens for the first occupational therapist instead.</source>
        <translation>Ningún miembro del personal tiene el nombre de usuario «%1». otdesk se abre para el primer terapeuta ocupacional.</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the background task</source>
        <translation>Cancelar la tarea en segundo plano</translation>
    </message>
    <message>
        <source>Progress of the background task</source>
        <translation>Progreso de la tarea en segundo plano</translation>
    </message>
    <message>
        <source>%1 (and %2 more)</source>
        <translation>%1 (y %2 más)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Referred</source>
        <translation>Derivado</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Discharged</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Habitual</translation>
    </message>
    <message>
        <source>Soon</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Nothing shared</source>
        <translation>No se comparte nada</translation>
    </message>
    <message>
        <source>General updates</source>
        <translation>Novedades generales</translation>
    </message>
    <message>
        <source>Care plan and handouts</source>
        <translation>Plan de cuidados y folletos</translation>
    </message>
    <message>
        <source>Full record</source>
        <translation>Expediente completo</translation>
    </message>
    <message>
        <source>Occupational therapy</source>
        <translation>Terapia ocupacional</translation>
    </message>
    <message>
        <source>Psychiatry</source>
        <translation>Psiquiatría</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinación</translation>
    </message>
    <message>
        <source>Community partner</source>
        <translation>Entidad comunitaria</translation>
    </message>
    <message>
        <source>Nursing</source>
        <translation>Enfermería</translation>
    </message>
    <message>
        <source>Social work</source>
        <translation>Trabajo social</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
</TS>
