# The kindergarten service's app (frontend/preschool): its shell and its pages.
ps_brand = Qabyldau — детский сад
ps_nav_applications = Мои заявления в очередь
ps_nav_register = Встать в очередь
ps_nav_grade1 = Приём в 1 класс
ps_to_home = К заявлениям в очередь
ps_coming = Раздел готовится и скоро заработает.

# --- Parents (/preschool/, /preschool/new, /preschool/applications/:id)
ps_applications_title = Постановка на очередь в детский сад
ps_applications_lead = Здесь будут ваши заявления в очередь в детские сады: номер в очереди, статус и направление в детский сад.
ps_register_title = Заявление о постановке на очередь
ps_register_lead = Здесь можно будет поставить ребёнка дошкольного возраста на очередь в детский сад.
ps_application_title = Заявление в очередь в детский сад
ps_application_lead = Заявление {id}: здесь будут его статус, номер в очереди и направление.

# --- Kindergarten staff (/preschool/kindergarten)
ps_kindergarten_title = Детский сад: места и направления
ps_kindergarten_lead = Здесь сотрудники детского сада будут вести свободные места и принимать детей по направлениям.

# --- Education department (/preschool/edu)
ps_edu_title = Отдел образования: очередь в детские сады
ps_edu_lead = Здесь отдел образования будет вести льготы, места в детских садах региона и направления.
ps_edu_only = Раздел доступен только сотрудникам отдела образования.
